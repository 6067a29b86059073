using System.Diagnostics;
using Authy.Application.Devices;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Push;
using Authy.Infrastructure.Retention;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Push;

/// <summary>Stored, resumable, live device events through <see cref="IDeviceEvents"/>, on PostgreSQL and on SQLite.</summary>
public abstract class DeviceEventsTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : DeviceEventsTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : DeviceEventsTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    /// <summary>Longer than any honest read, far shorter than the 5 s fallback poll.</summary>
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private IDeviceEvents Events => factory.Services.GetRequiredService<IDeviceEvents>();

    private DeviceEventSignals Signals => factory.Services.GetRequiredService<DeviceEventSignals>();

    [Fact]
    public async Task SubscribeAsync_AfterPublish_DeliversStoredEventsAfterTheId()
    {
        var device = await CreateDeviceAsync(factory);
        await Events.PublishAsync([device], "token_request", new { AppName = "Shop", RequestId = 7 }, TestContext.Current.CancellationToken);
        await Events.PublishAsync([device], "second", new { N = 2 }, TestContext.Current.CancellationToken);

        await using var all = EventSubscription.Start(Events, device, afterId: 0);
        var first = await all.NextAsync(Live);
        var second = await all.NextAsync(Live);
        await using var afterFirst = EventSubscription.Start(Events, device, afterId: first.Id);
        var resumed = await afterFirst.NextAsync(Live);

        Assert.Equal("token_request", first.Type);
        Assert.Equal("""{"app_name":"Shop","request_id":7}""", first.Data);
        Assert.Equal(factory.Clock.GetUtcNow(), first.CreatedAt);
        Assert.True(second.Id > first.Id);
        Assert.Equal(("second", """{"n":2}"""), (second.Type, second.Data));
        Assert.Equal(second.Id, resumed.Id);
    }

    [Fact]
    public async Task SubscribeAsync_PublishAfterSubscribing_ArrivesLiveWithinASecond()
    {
        var device = await CreateDeviceAsync(factory);
        await using var subscription = EventSubscription.Start(Events, device, afterId: 0);
        await Events.PublishAsync([device], "warm_up", new { }, TestContext.Current.CancellationToken);
        await subscription.NextAsync(Live);

        var pending = subscription.NextAsync(Live);
        var clock = Stopwatch.StartNew();
        await Events.PublishAsync([device], "token_request", new { AppName = "Shop" }, TestContext.Current.CancellationToken);
        var live = await pending;

        Assert.Equal("token_request", live.Type);
        Assert.True(clock.Elapsed < Live, $"arrived after {clock.Elapsed}");
    }

    [Fact]
    public async Task SubscribeAsync_ResumeWithLastSeenId_DeliversExactlyTheMissedEventsInOrder()
    {
        var device = await CreateDeviceAsync(factory);
        DeviceEventMessage lastSeen;
        await using (var first = EventSubscription.Start(Events, device, afterId: 0))
        {
            await Events.PublishAsync([device], "e1", new { N = 1 }, TestContext.Current.CancellationToken);
            await Events.PublishAsync([device], "e2", new { N = 2 }, TestContext.Current.CancellationToken);
            Assert.Equal("e1", (await first.NextAsync(Live)).Type);
            lastSeen = await first.NextAsync(Live);
            Assert.Equal("e2", lastSeen.Type);
        }

        // Disconnected: these two happen while nobody listens.
        await Events.PublishAsync([device], "e3", new { N = 3 }, TestContext.Current.CancellationToken);
        await Events.PublishAsync([device], "e4", new { N = 4 }, TestContext.Current.CancellationToken);
        await using var resumed = EventSubscription.Start(Events, device, afterId: lastSeen.Id);
        var e3 = await resumed.NextAsync(Live);
        var e4 = await resumed.NextAsync(Live);

        Assert.Equal(("e3", """{"n":3}"""), (e3.Type, e3.Data));
        Assert.Equal(("e4", """{"n":4}"""), (e4.Type, e4.Data));
        Assert.True(e3.Id > lastSeen.Id && e4.Id > e3.Id);
        await resumed.AssertNothingWithinAsync(Quiet);
    }

    [Fact]
    public async Task SubscribeAsync_EventForAnotherDevice_IsNotDelivered()
    {
        var mine = await CreateDeviceAsync(factory);
        var other = await CreateDeviceAsync(factory);
        await using var subscription = EventSubscription.Start(Events, mine, afterId: 0);

        await Events.PublishAsync([other], "not_mine", new { }, TestContext.Current.CancellationToken);
        await subscription.AssertNothingWithinAsync(Quiet);
        await Events.PublishAsync([mine, other], "both", new { }, TestContext.Current.CancellationToken);
        var received = await subscription.NextAsync(Live);

        Assert.Equal("both", received.Type);
        await subscription.AssertNothingWithinAsync(Quiet);
        await using var others = EventSubscription.Start(Events, other, afterId: 0);
        Assert.Equal("not_mine", (await others.NextAsync(Live)).Type);
        Assert.Equal("both", (await others.NextAsync(Live)).Type);
    }

    [Fact]
    public async Task SubscribeAsync_WithoutAfterId_DeliversRecentEventsThenLiveOnes()
    {
        var device = await CreateDeviceAsync(factory);
        await Events.PublishAsync([device], "stale", new { }, TestContext.Current.CancellationToken);
        factory.Clock.Advance(TimeSpan.FromSeconds(301)); // past Push:RecentEventsSeconds (default 300)
        await Events.PublishAsync([device], "recent", new { }, TestContext.Current.CancellationToken);

        await using var subscription = EventSubscription.Start(Events, device, afterId: null);
        // At once, while the stream may still be taking its starting point: nothing published now may fall between.
        await Events.PublishAsync([device], "live", new { }, TestContext.Current.CancellationToken);

        Assert.Equal("recent", (await subscription.NextAsync(Live)).Type);
        Assert.Equal("live", (await subscription.NextAsync(Live)).Type);
        await subscription.AssertNothingWithinAsync(Quiet);
    }

    [Fact]
    public async Task PublishAsync_ConcurrentPublishers_LiveStreamGetsEveryEventOnceInIdOrder()
    {
        const int count = 40;
        var device = await CreateDeviceAsync(factory);
        await using var subscription = EventSubscription.Start(Events, device, afterId: 0);

        // Ids are taken in one order and committed in another unless publishes to one device are serialised; a stream
        // reading "id > last" in between would skip the slower one for good.
        var publishing = Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(
            () => Events.PublishAsync([device], "burst", new { I = i }, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));
        var received = new List<DeviceEventMessage>();
        while (received.Count < count)
        {
            received.Add(await subscription.NextAsync(TimeSpan.FromSeconds(10)));
        }

        await publishing;
        await subscription.AssertNothingWithinAsync(Quiet);
        Assert.Equal(received.Select(e => e.Id).Order(), received.Select(e => e.Id));
        Assert.Equal(count, received.Select(e => e.Data).Distinct().Count());
    }

    [Fact]
    public async Task SubscribeAsync_SubscribersLeave_ReleaseTheirWakeUps()
    {
        var device = await CreateDeviceAsync(factory);
        await using (var one = EventSubscription.Start(Events, device, afterId: 0))
        await using (var two = EventSubscription.Start(Events, device, afterId: 0))
        {
            await Events.PublishAsync([device], "e", new { }, TestContext.Current.CancellationToken);
            await one.NextAsync(Live);
            await two.NextAsync(Live);
            Assert.Equal(2, Signals.WatcherCount(device));
        }

        Assert.Equal(0, Signals.WatcherCount(device));
        Assert.Equal(0, Signals.WatchedDeviceCount); // no entry left behind (tests of one class run one at a time)
    }

    [Fact]
    public async Task PublishAsync_DataOverTheLimit_ThrowsAndStoresNothing()
    {
        var device = await CreateDeviceAsync(factory);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Events.PublishAsync([device], "big", new { Text = new string('x', 16_400) }, TestContext.Current.CancellationToken));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        Assert.False(await db.DeviceEvents.AnyAsync(e => e.DeviceId == device, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RetentionRound_EventsPastRetention_AreDeletedOthersKept()
    {
        var device = await CreateDeviceAsync(factory);
        await Events.PublishAsync([device], "old", new { }, TestContext.Current.CancellationToken);
        factory.Clock.Advance(TimeSpan.FromHours(25));
        await Events.PublishAsync([device], "recent", new { }, TestContext.Current.CancellationToken);

        var deleted = await factory.Services.GetRequiredService<RetentionService>().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.True(deleted["device_events"] >= 1);
        await using var subscription = EventSubscription.Start(Events, device, afterId: 0);
        Assert.Equal("recent", (await subscription.NextAsync(Live)).Type);
        await subscription.AssertNothingWithinAsync(Quiet);
    }

    /// <summary>A user with one registered device (through the application layer); returns the device id.</summary>
    internal static async Task<long> CreateDeviceAsync(AuthyApiFactory factory)
    {
        var app = await factory.CreateAppAsync();
        var authyId = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(app.ApiKey), TestPhone.Next());
        await factory.AddDeviceAsync(authyId);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        return await db.Devices.Where(d => d.UserId == authyId).Select(d => d.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>A device stream held by a test: read the next event within a time limit, or prove none comes.</summary>
internal sealed class EventSubscription : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly IAsyncEnumerator<DeviceEventMessage> _events;
    private Task<bool>? _next;

    private EventSubscription(IDeviceEvents source, long deviceId, long? afterId)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _events = source.SubscribeAsync(deviceId, afterId, _stop.Token).GetAsyncEnumerator(_stop.Token);
        // Start reading at once, as a connected stream does: the subscription exists from here on.
        _next = _events.MoveNextAsync().AsTask();
    }

    public static EventSubscription Start(IDeviceEvents source, long deviceId, long? afterId) => new(source, deviceId, afterId);

    public async Task<DeviceEventMessage> NextAsync(TimeSpan within) =>
        await TryNextAsync(within) ?? throw new TimeoutException($"No event within {within}.");

    public async Task<DeviceEventMessage?> TryNextAsync(TimeSpan within)
    {
        _next ??= _events.MoveNextAsync().AsTask();
        try
        {
            Assert.True(await _next.WaitAsync(within, TestContext.Current.CancellationToken), "the stream ended");
        }
        catch (TimeoutException)
        {
            return null;
        }

        _next = null;
        return _events.Current;
    }

    public async Task AssertNothingWithinAsync(TimeSpan period)
    {
        var next = await TryNextAsync(period);
        Assert.True(next is null, $"unexpected event {next}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_next is not null)
        {
            try
            {
                await _next; // an async iterator cannot be disposed while it is still reading
            }
            catch (OperationCanceledException)
            {
                // Expected: it was waiting for the next event.
            }
        }

        await _events.DisposeAsync();
        _stop.Dispose();
    }
}
