using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Authy.Application.Webhooks;

/// <summary>One webhook's subscription, as event fan-out needs it.</summary>
public sealed record WebhookSubscription(Guid WebhookId, IReadOnlySet<string> Events);

/// <summary>
/// Each application's webhook subscriptions, kept in memory for <see cref="WebhookOptions.SubscriptionCacheSeconds"/>, so
/// raising an event on a hot path (verify, sms) costs no database round trip for applications without webhooks. A create
/// or delete on this node invalidates at once; another node sees it when its entry expires (the staleness bound,
/// docs/webhooks.md). A delete seen late is harmless: delivery rereads the webhook and drops the event.
/// </summary>
public sealed class WebhookSubscriptions(TimeProvider time, IOptions<WebhookOptions> options)
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    // Bumped by every invalidation: a load that began before one must not store what it read.
    private long _generation;

    public async ValueTask<IReadOnlyList<WebhookSubscription>> GetAsync(
        int appId,
        Func<CancellationToken, Task<IReadOnlyList<WebhookSubscription>>> load,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(appId, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Subscriptions;
        }

        var generation = Interlocked.Read(ref _generation);
        var loaded = await load(cancellationToken);
        var lifetime = TimeSpan.FromSeconds(options.Value.SubscriptionCacheSeconds);
        if (lifetime > TimeSpan.Zero && Interlocked.Read(ref _generation) == generation)
        {
            _entries[appId] = new Entry(loaded, now + lifetime);
        }

        return loaded;
    }

    /// <summary>Call after the change is saved.</summary>
    public void Invalidate(int appId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(appId, out _);
    }

    private sealed record Entry(IReadOnlyList<WebhookSubscription> Subscriptions, DateTimeOffset ExpiresAt);
}
