using System.Diagnostics.CodeAnalysis;
using Authy.Application.Tokens;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Caching;

/// <summary>
/// verify's member cache (ADR 0021): at most <see cref="TokenOptions.VerifyCacheEntries"/> members, least recently
/// used evicted (BitFaster's concurrent LRU: lock-free reads, bounded by count). 0 entries turns it off.
/// </summary>
public sealed class VerifyMemberCache : IVerifyMemberCache
{
    // BitFaster's LRU splits its capacity over three queues and needs at least one slot in each.
    private const int MinimumCapacity = 3;

    private readonly FastConcurrentLru<(int AppId, long AuthyId), CachedVerifyMember>? _lru;

    public VerifyMemberCache(IOptions<TokenOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = options.Value.VerifyCacheEntries;
        _lru = entries > 0 ? new FastConcurrentLru<(int, long), CachedVerifyMember>(Math.Max(entries, MinimumCapacity)) : null;
    }

    /// <summary>How many members are cached now.</summary>
    public int Count => _lru?.Count ?? 0;

    public bool TryGet(int appId, long authyId, [NotNullWhen(true)] out CachedVerifyMember? member)
    {
        member = null;
        return _lru is not null && _lru.TryGet((appId, authyId), out member);
    }

    public void Set(int appId, long authyId, CachedVerifyMember member) => _lru?.AddOrUpdate((appId, authyId), member);

    public void Remove(int appId, long authyId) => _lru?.TryRemove((appId, authyId));

    /// <summary>Forgets every member: after this node missed notifications (its LISTEN connection was down).</summary>
    public void Clear() => _lru?.Clear();
}
