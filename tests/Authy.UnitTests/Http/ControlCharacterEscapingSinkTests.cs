using System.Globalization;
using Authy.Api;
using Authy.Api.Http;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Authy.UnitTests.Http;

public sealed class ControlCharacterEscapingSinkTests
{
    private sealed class Capture : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static (Logger Logger, Capture Capture) Logger()
    {
        var capture = new Capture();
        var logger = new LoggerConfiguration().WriteTo.EscapingControlCharacters(sink => sink.Sink(capture)).CreateLogger();
        return (logger, capture);
    }

    /// <summary>The event as the Text console writes it.</summary>
    private static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter(ApiComposition.TextLogTemplate, CultureInfo.InvariantCulture).Format(logEvent, writer);
        return writer.ToString();
    }

    [Theory]
    [InlineData("/a\r\n[00:00:00 ERR] forged")]
    [InlineData("/a\rforged")]
    [InlineData("/a\u000bforged\u001b[2K")]
    [InlineData("/a\u0085forged\u2028again")]
    public void Emit_ControlCharactersInAValue_RenderAsOneTextLine(string path)
    {
        var (logger, capture) = Logger();

        logger.Information("HTTP {RequestMethod} {RequestPath:l} responded {StatusCode}", "GET", path, 404);
        logger.Information("Nested {@Request} and {Items}", new { Path = path }, new[] { path });

        Assert.All(capture.Events, e =>
        {
            var line = Render(e);
            Assert.EndsWith(Environment.NewLine, line, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"[\u0000-\u001f\u007f-\u009f\u2028\u2029]", line[..^Environment.NewLine.Length]);
            Assert.Contains("forged", line, StringComparison.Ordinal);
        });
        Assert.Contains(@"/a\u", Render(capture.Events[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_NothingToEscape_PassesTheEventOn()
    {
        var (logger, capture) = Logger();
        var before = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, MessageTemplate.Empty, [new LogEventProperty("Path", new ScalarValue("/protected/json/users/1/status"))]);

        logger.Write(before);

        Assert.Same(before, Assert.Single(capture.Events));
    }

    [Fact]
    public void Emit_Exception_KeepsItsLineBreaks()
    {
        var (logger, capture) = Logger();
        var exception = new InvalidOperationException("first\nsecond");

        logger.Error(exception, "Failed on {Path}", "/a\nb");

        var logEvent = Assert.Single(capture.Events);
        Assert.Same(exception, logEvent.Exception);
        Assert.Equal("\"/a\\u000Ab\"", logEvent.Properties["Path"].ToString());
    }
}
