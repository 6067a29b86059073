using Authy.Application.Caching;
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
    private readonly ExpiringCache<int, IReadOnlyList<WebhookSubscription>> _cache = new(time);

    public async ValueTask<IReadOnlyList<WebhookSubscription>> GetAsync(
        int appId,
        Func<CancellationToken, Task<IReadOnlyList<WebhookSubscription>>> load,
        CancellationToken cancellationToken) =>
        (await _cache.GetAsync(appId, TimeSpan.FromSeconds(options.Value.SubscriptionCacheSeconds), async token => await load(token), cancellationToken))!;

    /// <summary>Call after the change is saved.</summary>
    public void Invalidate(int appId) => _cache.Invalidate(appId);
}
