using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using Authy.Api.Surfaces.Device;
using Authy.Application.Devices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Authy.UnitTests.Http;

public sealed class ServerSentEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StreamAsync_TwoEvents_WritesOneMessageEach()
    {
        var (context, body) = NewContext();

        await ServerSentEvents.StreamAsync(
            context,
            Events(new DeviceEventMessage(7, "token_request", """{"app_name":"Shop","via":"sms"}""", At), new DeviceEventMessage(9, "other", "{}", At)),
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);

        Assert.Equal(
            "id: 7\nevent: token_request\ndata: {\"app_name\":\"Shop\",\"via\":\"sms\"}\n\n" +
            "id: 9\nevent: other\ndata: {}\n\n",
            body.Text);
    }

    [Fact]
    public async Task StreamAsync_Always_SetsStreamHeadersAndDisablesBuffering()
    {
        var (context, body) = NewContext();

        await ServerSentEvents.StreamAsync(context, Events(), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("text/event-stream", context.Response.ContentType);
        Assert.Equal("no-cache", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("no", context.Response.Headers["X-Accel-Buffering"].ToString());
        Assert.True(body.BufferingDisabled);
        Assert.True(body.Flushes >= 1, "the headers are flushed before the first event");
    }

    [Fact]
    public async Task StreamAsync_EachEvent_IsFlushedBeforeTheNextArrives()
    {
        var (context, body) = NewContext();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var streaming = ServerSentEvents.StreamAsync(context, FirstThenWait(release.Task), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => body.FlushedText.Contains("id: 1\n", StringComparison.Ordinal));
        release.SetResult();
        await streaming.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("id: 1\nevent: a\ndata: {}\n\nid: 2\nevent: b\ndata: {}\n\n", body.Text);
    }

    [Fact]
    public async Task StreamAsync_IdleLongerThanKeepAlive_WritesPingComments()
    {
        var (context, body) = NewContext();

        await ServerSentEvents.StreamAsync(
            context,
            Delayed(TimeSpan.FromMilliseconds(400), new DeviceEventMessage(3, "late", "{}", At)),
            TimeSpan.FromMilliseconds(50),
            TestContext.Current.CancellationToken);

        Assert.StartsWith(": ping\n\n: ping\n\n", body.Text, StringComparison.Ordinal);
        Assert.EndsWith(": ping\n\nid: 3\nevent: late\ndata: {}\n\n", body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_ClientDisconnects_EndsQuietly()
    {
        var (context, body) = NewContext();
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var streaming = ServerSentEvents.StreamAsync(context, Endless(disposed, TestContext.Current.CancellationToken), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => body.Text.Contains("id: 1\n", StringComparison.Ordinal));
        await aborted.CancelAsync();

        await streaming.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(disposed.Task.IsCompleted, "the event source is disposed");
    }

    [Fact]
    public async Task StreamAsync_CallerCancels_EndsQuietly()
    {
        var (context, _) = NewContext();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await ServerSentEvents.StreamAsync(context, Endless(disposed, TestContext.Current.CancellationToken), TimeSpan.FromSeconds(30), cancel.Token)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(disposed.Task.IsCompleted, "the event source is disposed");
    }

    [Fact]
    public async Task StreamAsync_SourceFails_Throws()
    {
        var (context, _) = NewContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerSentEvents.StreamAsync(context, Failing(), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Format_DataWithLineBreaks_WritesOneDataLinePerLine()
    {
        var bytes = ServerSentEvents.Format(new DeviceEventMessage(12, "multi\nline", "a\r\nb\rc\nd", At));

        Assert.Equal("id: 12\nevent: multi line\ndata: a\ndata: b\ndata: c\ndata: d\n\n", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("42", null, 42L)]
    [InlineData(null, "7", 7L)]
    [InlineData("42", "7", 42L)]
    [InlineData("abc", "7", 7L)]
    [InlineData("9223372036854775807", null, long.MaxValue)]
    [InlineData(null, null, null)]
    [InlineData("0", null, null)]
    [InlineData("-3", null, null)]
    [InlineData("+3", null, null)]
    [InlineData("1.5", null, null)]
    [InlineData(" 5", null, null)]
    [InlineData("", "", null)]
    [InlineData("9223372036854775808", null, null)]
    [InlineData(null, "x", null)]
    public void LastEventId_HeaderOrQuery_ReadsPositiveLongOnly(string? header, string? query, long? expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers["Last-Event-ID"] = header;
        }

        if (query is not null)
        {
            context.Request.QueryString = QueryString.Create("last_event_id", query);
        }

        Assert.Equal(expected, ServerSentEvents.LastEventId(context.Request));
    }

    [Fact]
    public void LastEventId_RepeatedQueryParameter_IsNull()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?last_event_id=1&last_event_id=2");

        Assert.Null(ServerSentEvents.LastEventId(context.Request));
    }

    private static (DefaultHttpContext Context, RecordingBody Body) NewContext()
    {
        var context = new DefaultHttpContext();
        var body = new RecordingBody();
        context.Features.Set<IHttpResponseBodyFeature>(body);
        return (context, body);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

#pragma warning disable CS1998 // async iterators without await: the simplest fixed sources
    private static async IAsyncEnumerable<DeviceEventMessage> Events(params DeviceEventMessage[] messages)
    {
        foreach (var message in messages)
        {
            yield return message;
        }
    }

    private static async IAsyncEnumerable<DeviceEventMessage> Failing()
    {
        yield return new DeviceEventMessage(1, "a", "{}", At);
        throw new InvalidOperationException("the database went away");
    }
#pragma warning restore CS1998

    private static async IAsyncEnumerable<DeviceEventMessage> FirstThenWait(Task release)
    {
        yield return new DeviceEventMessage(1, "a", "{}", At);
        await release;
        yield return new DeviceEventMessage(2, "b", "{}", At);
    }

    private static async IAsyncEnumerable<DeviceEventMessage> Delayed(TimeSpan delay, DeviceEventMessage message)
    {
        await Task.Delay(delay);
        yield return message;
    }

    private static async IAsyncEnumerable<DeviceEventMessage> Endless(
        TaskCompletionSource disposed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            yield return new DeviceEventMessage(1, "a", "{}", At);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            disposed.TrySetResult();
        }
    }

    /// <summary>A response body that records what was written, what was flushed, and whether buffering was turned off.</summary>
    private sealed class RecordingBody : IHttpResponseBodyFeature
    {
        private readonly FlushTrackingStream _stream = new();

        public Stream Stream => _stream;

        public PipeWriter Writer => throw new NotSupportedException("ServerSentEvents writes to the stream.");

        public bool BufferingDisabled { get; private set; }

        public int Flushes => _stream.Flushes;

        public string Text => _stream.Text;

        public string FlushedText => _stream.FlushedText;

        public void DisableBuffering() => BufferingDisabled = true;

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task CompleteAsync() => Task.CompletedTask;
    }

    private sealed class FlushTrackingStream : MemoryStream
    {
        private readonly Lock _lock = new();
        private string _flushed = "";
        private int _flushes;

        public int Flushes => Volatile.Read(ref _flushes);

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return Encoding.UTF8.GetString(GetBuffer(), 0, (int)Length);
                }
            }
        }

        public string FlushedText
        {
            get
            {
                lock (_lock)
                {
                    return _flushed;
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_lock)
            {
                base.Write(buffer, offset, count);
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (_lock)
            {
                base.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_lock)
            {
                _flushed = Encoding.UTF8.GetString(GetBuffer(), 0, (int)Length);
                _flushes++;
            }

            return Task.CompletedTask;
        }
    }
}
