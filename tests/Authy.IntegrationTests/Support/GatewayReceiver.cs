using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// An SMS gateway on a loopback port, for the <c>Http</c> provider: records each request's headers and exact body bytes,
/// and answers with the queued <see cref="GatewayAnswer"/>s, then 200 with <c>{"id":"gw-N"}</c>. A request is in
/// <see cref="Received"/> from its arrival, and in <see cref="Answered"/> once a 2xx answer was written to it.
/// </summary>
public sealed class GatewayReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GatewayRequest> _received = new();
    private readonly ConcurrentQueue<GatewayAnswer> _answers = new();
    private readonly ConcurrentQueue<GatewayRequest> _answered = new();
    private int _inFlight;
    private int _peakInFlight;

    private GatewayReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<GatewayRequest> Received => [.. _received];

    /// <summary>The requests answered with 2xx: the messages the server was told were delivered.</summary>
    public IReadOnlyList<GatewayRequest> Answered => [.. _answered];

    /// <summary>How long a request without a queued answer waits before its 200, as a real provider takes its time.</summary>
    public TimeSpan DefaultDelay { get; set; }

    /// <summary>The most requests that were in progress at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public static async Task<GatewayReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new GatewayReceiver(app);
        app.MapPost("/sms", receiver.AnswerAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.First() + "/sms";
        return receiver;
    }

    /// <summary>The next requests get these answers, in order.</summary>
    public void AnswerNext(params GatewayAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    public async Task<GatewayRequest> WaitForAsync(int count = 1, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(15)))
        {
            if (_received.Count >= count)
            {
                return Received[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The gateway got {_received.Count} request(s), expected {count}.");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            for (var peak = Volatile.Read(ref _peakInFlight); inFlight > peak; peak = Volatile.Read(ref _peakInFlight))
            {
                Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak);
            }

            await AnswerOneAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerOneAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new GatewayRequest(
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        _received.Enqueue(request);
        var answer = _answers.TryDequeue(out var queued) ? queued : GatewayAnswer.Ok($$"""{"id":"gw-{{_received.Count}}"}""") with { Delay = DefaultDelay };
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the provider gave up waiting, as intended
            }
        }

        context.Response.StatusCode = (int)answer.Status;
        if (answer.Json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Json, context.RequestAborted);
        }

        if ((int)answer.Status is >= 200 and < 300)
        {
            _answered.Enqueue(request);
        }
    }
}

/// <summary>How the gateway answers one request: a status, an optional JSON body, after an optional delay.</summary>
public sealed record GatewayAnswer(HttpStatusCode Status, string? Json = null, TimeSpan Delay = default)
{
    public static GatewayAnswer Ok(string? json = null) => new(HttpStatusCode.OK, json);

    /// <summary>Answers only after <paramref name="delay"/>, longer than the provider waits.</summary>
    public static GatewayAnswer Hang(TimeSpan delay) => new(HttpStatusCode.OK, Delay: delay);
}

public sealed record GatewayRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The <c>to</c> field of the body: the number, in E.164 form.</summary>
    public string To => System.Text.Json.Nodes.JsonNode.Parse(Body)!["to"]!.GetValue<string>();

    /// <summary>The <c>text</c> field of the body: the whole message.</summary>
    public string Text => System.Text.Json.Nodes.JsonNode.Parse(Body)!["text"]!.GetValue<string>();
}
