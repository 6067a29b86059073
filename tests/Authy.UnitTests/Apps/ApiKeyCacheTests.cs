using Authy.Application.Apps;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Authy.UnitTests.Apps;

public sealed class ApiKeyCacheTests
{
    private static readonly AuthenticatedApp Acme = new(1, "Acme", new AppSettings());

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_795_473_480));
    private readonly ApiKeyCache _cache;
    private int _loads;

    public ApiKeyCacheTests() => _cache = new ApiKeyCache(_clock, Options.Create(new AppOptions { KeyCacheSeconds = 5 }));

    private Func<CancellationToken, Task<AuthenticatedApp?>> Load(AuthenticatedApp? app) => _ =>
    {
        _loads++;
        return Task.FromResult(app);
    };

    [Fact]
    public async Task GetAsync_SameKeyWithinLifetime_LoadsOnceThenAgainAfterIt()
    {
        var hash = ApiKeys.Hash("key-one");

        var first = await _cache.GetAsync(hash, Load(Acme), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var second = await _cache.GetAsync(ApiKeys.Hash("key-one"), Load(Acme), CancellationToken.None);
        Assert.Equal(1, _loads);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _cache.GetAsync(hash, Load(Acme), CancellationToken.None);

        Assert.Same(Acme, first);
        Assert.Same(Acme, second);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetAsync_UnknownKey_IsNotRemembered()
    {
        var hash = ApiKeys.Hash("new-key");

        var before = await _cache.GetAsync(hash, Load(null), CancellationToken.None);
        var after = await _cache.GetAsync(hash, Load(Acme), CancellationToken.None);

        Assert.Null(before);
        Assert.Same(Acme, after);
    }

    [Fact]
    public async Task Clear_EveryKeyIsReadAgain()
    {
        await _cache.GetAsync(ApiKeys.Hash("key-one"), Load(Acme), CancellationToken.None);
        await _cache.GetAsync(ApiKeys.Hash("key-two"), Load(Acme), CancellationToken.None);

        _cache.Clear();
        var rotated = await _cache.GetAsync(ApiKeys.Hash("key-one"), Load(null), CancellationToken.None);
        await _cache.GetAsync(ApiKeys.Hash("key-two"), Load(Acme), CancellationToken.None);

        Assert.Null(rotated);
        Assert.Equal(4, _loads);
    }
}
