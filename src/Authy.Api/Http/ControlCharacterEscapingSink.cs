using System.Globalization;
using System.Text;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Authy.Api.Http;

/// <summary>
/// Sits in front of the Text console sink and writes control characters in string property values as <c>\uXXXX</c>.
/// The text template renders strings raw (<c>{Message:lj}</c>), so a CR/LF in any value a client sent would end the
/// line and start one the client wrote. The JSON formatter escapes them already and is not wrapped. Exceptions keep
/// their line breaks: a stack trace is many lines by design.
/// </summary>
internal sealed class ControlCharacterEscapingSink(ILogEventSink inner) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        if (!logEvent.Properties.Values.Any(HasControlCharacter))
        {
            inner.Emit(logEvent);
            return;
        }

        inner.Emit(new LogEvent(
            logEvent.Timestamp,
            logEvent.Level,
            logEvent.Exception,
            logEvent.MessageTemplate,
            logEvent.Properties.Select(p => new LogEventProperty(p.Key, Escape(p.Value))),
            logEvent.TraceId ?? default,
            logEvent.SpanId ?? default));
    }

    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (MustEscape(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>C0 and C1 controls (CR, LF, VT, ESC…), DEL, and the Unicode line and paragraph separators.</summary>
    internal static bool MustEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static bool HasControlCharacter(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => text.Any(MustEscape),
        SequenceValue sequence => sequence.Elements.Any(HasControlCharacter),
        StructureValue structure => structure.Properties.Any(p => HasControlCharacter(p.Value)),
        DictionaryValue dictionary => dictionary.Elements.Any(p => HasControlCharacter(p.Key) || HasControlCharacter(p.Value)),
        _ => false,
    };

    private static LogEventPropertyValue Escape(LogEventPropertyValue value) => value switch
    {
        _ when !HasControlCharacter(value) => value,
        ScalarValue { Value: string text } => new ScalarValue(Escape(text)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Escape)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(p => KeyValuePair.Create((ScalarValue)Escape(p.Key), Escape(p.Value)))),
        _ => value,
    };
}

internal static class ControlCharacterEscapingSinkExtensions
{
    /// <summary>Sends events to the sinks <paramref name="configure"/> adds through a <see cref="ControlCharacterEscapingSink"/>.</summary>
    public static LoggerConfiguration EscapingControlCharacters(this LoggerSinkConfiguration sink, Action<LoggerSinkConfiguration> configure) =>
        // Wrap disposes the wrapped sinks when the logger is disposed.
        sink.Sink(LoggerSinkConfiguration.Wrap(inner => new ControlCharacterEscapingSink(inner), configure));
}
