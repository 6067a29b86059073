using Authy.Application.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Authy.UnitTests.Webhooks;

public sealed class WebhookSubscriptionsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_795_473_480));
    private int _loads;

    private WebhookSubscriptions Cache(int seconds = 5) =>
        new(_clock, Options.Create(new WebhookOptions { SubscriptionCacheSeconds = seconds }));

    private Task<IReadOnlyList<WebhookSubscription>> LoadAsync(CancellationToken cancellationToken)
    {
        _loads++;
        return Task.FromResult<IReadOnlyList<WebhookSubscription>>([]);
    }

    [Fact]
    public async Task GetAsync_WithinLifetime_LoadsOnceThenAgainAfterIt()
    {
        var cache = Cache();

        await cache.GetAsync(1, LoadAsync, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(4));
        await cache.GetAsync(1, LoadAsync, CancellationToken.None);
        Assert.Equal(1, _loads);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await cache.GetAsync(1, LoadAsync, CancellationToken.None);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Invalidate_NextGetLoadsAgain_OtherApplicationsKeepTheirs()
    {
        var cache = Cache();
        await cache.GetAsync(1, LoadAsync, CancellationToken.None);
        await cache.GetAsync(2, LoadAsync, CancellationToken.None);

        cache.Invalidate(1);
        await cache.GetAsync(1, LoadAsync, CancellationToken.None);
        await cache.GetAsync(2, LoadAsync, CancellationToken.None);

        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task Invalidate_DuringALoad_WhatThatLoadReadIsNotKept()
    {
        var cache = Cache();

        await cache.GetAsync(1, _ => { cache.Invalidate(1); return LoadAsync(CancellationToken.None); }, CancellationToken.None);
        await cache.GetAsync(1, LoadAsync, CancellationToken.None);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task ZeroSeconds_LoadsEveryTime()
    {
        var cache = Cache(seconds: 0);

        await cache.GetAsync(1, LoadAsync, CancellationToken.None);
        await cache.GetAsync(1, LoadAsync, CancellationToken.None);

        Assert.Equal(2, _loads);
    }
}
