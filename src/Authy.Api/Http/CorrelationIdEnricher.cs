using Authy.Application.Observability;
using Serilog.Core;
using Serilog.Events;

namespace Authy.Api.Http;

/// <summary>
/// Adds <c>CorrelationId</c> to every log event written while a correlation id is current: a request's (set by
/// <see cref="CorrelationIdMiddleware"/>) or an outbox message's (set by the dispatcher while it delivers it).
/// One source, <see cref="Correlation.Current"/>, for every log line, whichever logger wrote it.
/// </summary>
internal sealed class CorrelationIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (Correlation.Current is { } id)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("CorrelationId", id));
        }
    }
}
