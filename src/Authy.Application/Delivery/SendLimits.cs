using Authy.Application.Abstractions;
using Authy.Application.Observability;
using Authy.Application.Outcomes;

namespace Authy.Application.Delivery;

/// <summary>One counter of a use case's own send limit: its key, and the most sends it allows in the window.</summary>
public sealed record SendLimit(string Key, int Max);

/// <summary>
/// A use case's own limits on sending its codes (per member and per number for tokens, per number for phone
/// verifications, per phone for device registrations), counted together in one window, before the server-wide
/// <see cref="Messaging.SendGuard"/>. <see cref="Metric"/> labels a refusal in <c>authy_throttle_hits_total</c>.
/// </summary>
public sealed record SendLimits(TimeSpan Window, string Metric, IReadOnlyList<SendLimit> Counters)
{
    public static SendLimits None { get; } = new(TimeSpan.Zero, string.Empty, []);
}

/// <summary>Counts a send against <see cref="SendLimits"/>: every counter always, in one round trip.</summary>
public sealed class SendLimitCounter(IThrottle throttle, TimeProvider time)
{
    /// <summary>Null when the send may go ahead (and is now counted); else the 429 to answer, whose wait lifts every exceeded limit.</summary>
    public async Task<Failure?> TryConsumeAsync(SendLimits limits, CancellationToken cancellationToken)
    {
        if (limits.Counters.Count == 0)
        {
            return null;
        }

        var counts = await throttle.HitAllAsync([.. limits.Counters.Select(c => c.Key)], limits.Window, cancellationToken);
        var now = time.GetUtcNow();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < counts.Length; i++)
        {
            // When several are exceeded, the send may go again only once all their windows have ended.
            if (counts[i].Count > limits.Counters[i].Max && (retryAfter is null || counts[i].RetryAfter(now) > retryAfter))
            {
                retryAfter = counts[i].RetryAfter(now);
            }
        }

        if (retryAfter is null)
        {
            return null;
        }

        AuthyMetrics.ThrottleHit(limits.Metric);
        return Failures.Throttled(retryAfter.Value);
    }
}
