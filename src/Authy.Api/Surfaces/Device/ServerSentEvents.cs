using System.Globalization;
using System.Text;
using Authy.Application.Devices;
using Microsoft.AspNetCore.Http.Features;

namespace Authy.Api.Surfaces.Device;

/// <summary>
/// Writes device events as a Server-Sent Events stream (<c>text/event-stream</c>), one <c>id</c>/<c>event</c>/<c>data</c>
/// message per event, flushed at once, with a <c>: ping</c> comment whenever the stream was idle for the keep-alive
/// period (so proxies and load balancers do not time the connection out, and a dead client is noticed).
/// </summary>
/// <remarks>
/// The <c>id</c> of each message is the event id: a browser's EventSource sends it back as <c>Last-Event-ID</c> when it
/// reconnects, and other clients can pass it as <c>last_event_id</c>; <see cref="LastEventId"/> reads either.
/// </remarks>
internal static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";
    public const string LastEventIdHeader = "Last-Event-ID";
    public const string LastEventIdQuery = "last_event_id";

    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    /// <summary>
    /// Streams <paramref name="events"/> until they end, <paramref name="cancellationToken"/> is cancelled or the client
    /// disconnects (the last two end quietly). An exception from <paramref name="events"/> propagates.
    /// </summary>
    public static async Task StreamAsync(
        HttpContext context,
        IAsyncEnumerable<DeviceEventMessage> events,
        TimeSpan keepAlive,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keepAlive, TimeSpan.Zero);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // nginx buffers proxied responses unless told otherwise; an event must not wait in a proxy.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.RequestAborted);
        var enumerator = events.GetAsyncEnumerator(stop.Token);
        Task<bool>? next = null;
        try
        {
            // Headers go out now: the client sees an open stream before the first event.
            await response.Body.FlushAsync(stop.Token);
            while (true)
            {
                next ??= enumerator.MoveNextAsync().AsTask();
                bool hasEvent;
                try
                {
                    hasEvent = await next.WaitAsync(keepAlive, stop.Token);
                }
                catch (TimeoutException)
                {
                    await WriteAsync(response, Ping, stop.Token);
                    continue;
                }

                next = null;
                if (!hasEvent)
                {
                    return;
                }

                await WriteAsync(response, Format(enumerator.Current), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nothing to report.
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNextAsync is in flight: stop it and let it finish first.
            await stop.CancelAsync();
            if (next is not null)
            {
                try
                {
                    await next;
                }
                catch (Exception)
                {
                    // Only its end matters here; a failure was either reported above or is moot after a disconnect.
                }
            }

            await enumerator.DisposeAsync();
        }
    }

    /// <summary>
    /// The id a reconnecting client resumes after: the <c>Last-Event-ID</c> header, else the <c>last_event_id</c> query
    /// parameter; only a positive integer counts, anything else is null (start afresh).
    /// </summary>
    public static long? LastEventId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(request.Headers[LastEventIdHeader]) ?? Parse(request.Query[LastEventIdQuery]);

        static long? Parse(Microsoft.Extensions.Primitives.StringValues values) =>
            values.Count == 1
            && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && id > 0
                ? id
                : null;
    }

    /// <summary>One message: <c>id</c>, <c>event</c>, then the data (one <c>data:</c> line per line of it), then a blank line.</summary>
    internal static byte[] Format(DeviceEventMessage message)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(message.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(SingleLine(message.Type)).Append('\n');
        // Compact JSON has no line breaks, but the format would break silently if some data did.
        foreach (var line in NormalizeLineBreaks(message.Data).Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }

    private static string SingleLine(string value) => NormalizeLineBreaks(value).Replace('\n', ' ');

    /// <summary>SSE ends lines at CR, LF or CRLF (and nowhere else); all three become LF.</summary>
    private static string NormalizeLineBreaks(string value) =>
        value.Contains('\r', StringComparison.Ordinal) ? value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : value;

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
