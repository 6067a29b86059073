using Authy.Application.Caching;
using Microsoft.Extensions.Options;

namespace Authy.Application.Apps;

/// <summary>
/// The applications of recently used API keys, by key hash, kept for <see cref="AppOptions.KeyCacheSeconds"/>: every
/// API request authenticates, and reading the application each time was one statement in five of a verify (ADR 0017).
/// Only the hash is held, never the key. A rotation or settings change on this node clears it at once.
/// </summary>
public sealed class ApiKeyCache(TimeProvider time, IOptions<AppOptions> options)
{
    private readonly ExpiringCache<string, AuthenticatedApp> _cache = new(time);

    public ValueTask<AuthenticatedApp?> GetAsync(byte[] keyHash, Func<CancellationToken, Task<AuthenticatedApp?>> load, CancellationToken cancellationToken) =>
        _cache.GetAsync(Convert.ToBase64String(keyHash), TimeSpan.FromSeconds(options.Value.KeyCacheSeconds), load, cancellationToken);

    /// <summary>Call after an application's key or settings changed: applications change rarely, so all are dropped.</summary>
    public void Clear() => _cache.Clear();
}
