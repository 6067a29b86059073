using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Authy.Bench.Delivery;

/// <summary>
/// A slow SMS provider on a loopback port for the server's <c>Http</c> provider (docs/configuration.md, "HTTP gateway
/// (SMS)"): records each request's arrival (a Stopwatch timestamp) and its <c>to</c> number, then answers 200 after
/// <see cref="Delay"/>, as a real provider's API takes a while to accept a message. The signature is not checked: the
/// bench measures delivery, and the server's signing is covered by its tests.
/// </summary>
public sealed class FakeSmsProvider : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string To, long At)> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;
    private long _count;

    private FakeSmsProvider(TimeSpan delay, int port)
    {
        Delay = delay;
        Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/sms");
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public TimeSpan Delay { get; }

    public string Url { get; }

    /// <summary>Requests received so far, answered or not.</summary>
    public long Count => Interlocked.Read(ref _count);

    public static FakeSmsProvider Start(TimeSpan delay)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var provider = new FakeSmsProvider(delay, port);
        provider._listener.Start();
        provider._accepting = provider.AcceptAsync();
        return provider;
    }

    /// <summary>Takes the receipts recorded so far: each message's <c>to</c> and Stopwatch timestamp of arrival.</summary>
    public List<(string To, long At)> Drain()
    {
        var taken = new List<(string To, long At)>();
        while (_received.TryDequeue(out var receipt))
        {
            taken.Add(receipt);
        }

        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_accepting is not null)
        {
            try
            {
                await _accepting;
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
            {
                // Stopped.
            }
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var at = Stopwatch.GetTimestamp();
        try
        {
            string? to = null;
            using (var json = await JsonDocument.ParseAsync(context.Request.InputStream, cancellationToken: _stop.Token))
            {
                if (json.RootElement.TryGetProperty("to", out var value))
                {
                    to = value.GetString();
                }
            }

            var n = Interlocked.Increment(ref _count);
            _received.Enqueue((to ?? string.Empty, at));
            await Task.Delay(Delay, _stop.Token);
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"id":"bench-{{n}}"}"""));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, _stop.Token);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or JsonException or IOException)
        {
            context.Response.Abort();
        }
    }
}
