using System.Diagnostics;
using Authy.Application.Observability;

namespace Authy.Api.Http;

internal static class CorrelationIdMiddleware
{
    /// <summary>The header a client (or proxy) may send to name its request, and that every response carries.</summary>
    public const string HeaderName = "X-Request-Id";

    /// <summary>
    /// Gives every request a correlation id: the caller's <c>X-Request-Id</c> when it is well formed, else the W3C trace
    /// id (a <c>traceparent</c> header's, when one came), else a new one. It is echoed in <c>X-Request-Id</c>, set on
    /// every log line of the request as <c>CorrelationId</c> (<see cref="CorrelationIdEnricher"/>), and stored on the outbox messages the request writes.
    /// Must run first, so the request log line (written when the response completes) carries it too.
    /// </summary>
    public static WebApplication UseCorrelationId(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var supplied = context.Request.Headers[HeaderName].ToString();
            var id = Correlation.IsWellFormed(supplied)
                ? supplied
                : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
            context.TraceIdentifier = id;
            context.Response.Headers[HeaderName] = id;
            using (Correlation.Begin(id))
            {
                await next(context);
            }
        });
        return app;
    }
}
