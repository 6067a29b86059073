namespace Authy.Application.Abstractions;

/// <summary>
/// Fixed-window counters kept in the database, so every node and every restart sees the same counts.
/// A window starts at a key's first hit and ends <c>window</c> later.
/// </summary>
public interface IThrottle
{
    /// <summary>
    /// Counts one more event for <paramref name="key"/> and returns the count in the current window, this one included.
    /// The increment and the read are one atomic statement: of N concurrent hits, each sees a different count, so a
    /// caller that refuses above a limit lets exactly the limit through.
    /// </summary>
    Task<ThrottleCount> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="HitAsync"/> for each of <paramref name="keys"/>, all of them counted, in one round trip where the
    /// database allows it; the counts in the order of the keys.
    /// </summary>
    async Task<ThrottleCount[]> HitAllAsync(IReadOnlyList<string> keys, TimeSpan window, CancellationToken cancellationToken)
    {
        var counts = new ThrottleCount[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            counts[i] = await HitAsync(keys[i], window, cancellationToken);
        }

        return counts;
    }

    /// <summary>
    /// <see cref="HitAsync"/> for each of <paramref name="hits"/> in order, as long as every earlier one stayed within its
    /// limit: after the first count above its limit, the rest are not counted (their count is 0). In one round trip where
    /// the database allows it.
    /// </summary>
    async Task<ThrottleCount[]> HitWhileWithinAsync(IReadOnlyList<ThrottleHit> hits, CancellationToken cancellationToken)
    {
        var counts = new ThrottleCount[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            counts[i] = await HitAsync(hits[i].Key, hits[i].Window, cancellationToken);
            if (counts[i].Count > hits[i].Limit)
            {
                break;
            }
        }

        return counts;
    }

    /// <summary>The count in the current window (0 when the window has passed).</summary>
    Task<ThrottleCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    Task ResetAsync(string key, CancellationToken cancellationToken);
}

/// <summary>One counted key of <see cref="IThrottle.HitWhileWithinAsync"/>: its window and the most it may count.</summary>
public readonly record struct ThrottleHit(string Key, TimeSpan Window, int Limit);

/// <summary>A counter's value in its current window, and when that window ends (null when nothing is counted).</summary>
public readonly record struct ThrottleCount(int Count, DateTimeOffset? WindowEndsAt)
{
    /// <summary>How long until the window ends, at least one second: the <c>Retry-After</c> of a refusal.</summary>
    public TimeSpan RetryAfter(DateTimeOffset now) =>
        WindowEndsAt is { } end && end - now > TimeSpan.FromSeconds(1) ? end - now : TimeSpan.FromSeconds(1);
}
