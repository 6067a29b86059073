using System.Collections.Concurrent;

namespace Authy.Application.Caching;

/// <summary>
/// Values read from the database, kept in this node's memory for a fixed time so that a hot path (every API request,
/// every event raised) costs no round trip for data that rarely changes. A change made on this node invalidates at
/// once; another node sees it when its entry expires, which is the staleness bound the callers document. Misses are
/// never stored: a value that does not exist yet must be found as soon as it does.
/// </summary>
public sealed class ExpiringCache<TKey, TValue>(TimeProvider time)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    // Bumped by every invalidation: a load that began before one must not store what it read.
    private long _generation;

    /// <summary>
    /// The cached value of <paramref name="key"/>, else what <paramref name="load"/> returns, kept for
    /// <paramref name="lifetime"/> unless it is null or the lifetime is zero.
    /// </summary>
    public async ValueTask<TValue?> GetAsync(
        TKey key,
        TimeSpan lifetime,
        Func<CancellationToken, Task<TValue?>> load,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var loaded = await load(cancellationToken);
        if (loaded is not null && lifetime > TimeSpan.Zero && Interlocked.Read(ref _generation) == generation)
        {
            var entry = new Entry(loaded, now + lifetime);
            _entries[key] = entry;

            // An invalidation between the check and the write would otherwise leave what this load read in place.
            if (Interlocked.Read(ref _generation) != generation)
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }

        return loaded;
    }

    /// <summary>Forgets <paramref name="key"/>. Call after the change is saved.</summary>
    public void Invalidate(TKey key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    /// <summary>Forgets every entry. Call after the change is saved.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
