using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// An application's callback endpoint on a loopback port: records every request (method, URL, headers, body) and answers
/// with the queued statuses, then 200. Two more paths misbehave on purpose: <see cref="RedirectUrl"/> answers a redirect
/// to the recording path, and <see cref="EndlessBodyUrl"/> answers 200 with a body that does not end.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();
    private int _misbehavingHits;

    private CallbackReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedCallback> Received => [.. _received];

    /// <summary>Requests that reached <see cref="RedirectUrl"/> or <see cref="EndlessBodyUrl"/>.</summary>
    public int MisbehavingHits => Volatile.Read(ref _misbehavingHits);

    /// <summary>Answers <paramref name="status"/> with <c>Location</c> set to <see cref="Url"/> (absolute), which records.</summary>
    public string RedirectUrl(HttpStatusCode status) =>
        Url.Replace("/callback", "/redirect/" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Answers 200 and then streams a body, 16 KiB every 10 ms, until the client goes away (or 60 s pass).</summary>
    public string EndlessBodyUrl => Url.Replace("/callback", "/endless", StringComparison.Ordinal);

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.Map("/callback", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            receiver._received.Enqueue(new ReceivedCallback(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync()));
            context.Response.StatusCode = receiver._answers.TryDequeue(out var status) ? (int)status : 200;
        });
        app.Map("/redirect/{status:int}", (HttpContext context, int status) =>
        {
            Interlocked.Increment(ref receiver._misbehavingHits);
            context.Response.StatusCode = status;
            context.Response.Headers.Location = receiver.Url + "?redirected=1";
        });
        app.Map("/endless", async context =>
        {
            Interlocked.Increment(ref receiver._misbehavingHits);
            context.Response.StatusCode = 200;
            var chunk = new byte[16 * 1024];
            var clock = Stopwatch.StartNew();
            try
            {
                while (!context.RequestAborted.IsCancellationRequested && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await Task.Delay(10, context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // the client hung up, as it should
            }
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First() + "/callback";
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order (then 200).</summary>
    public void AnswerNext(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    public async Task<ReceivedCallback> WaitForAsync(int count = 1, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            if (_received.Count >= count)
            {
                return Received[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The receiver got {_received.Count} callback(s), expected {count}.");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedCallback(string Method, string PathAndQuery, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
