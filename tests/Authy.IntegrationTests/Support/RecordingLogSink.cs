using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Authy.IntegrationTests.Support;

/// <summary>Every log event the host wrote, rendered, so tests can prove no code, key or phone number is logged.</summary>
public sealed class RecordingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        logEvent.RenderMessage(writer, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in logEvent.Properties)
        {
            writer.Write($" {name}={value}");
        }

        writer.Write(logEvent.Exception?.ToString());
        _lines.Enqueue(writer.ToString());
    }
}
