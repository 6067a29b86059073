using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// An application's callback endpoint on a loopback port: records every request (method, URL, headers, body) and answers
/// with the queued statuses, then 200.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();

    private CallbackReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedCallback> Received => [.. _received];

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
