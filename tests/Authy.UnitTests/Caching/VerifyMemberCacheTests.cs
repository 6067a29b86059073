using Authy.Application.Tokens;
using Authy.Application.Users;
using Authy.Infrastructure.Caching;
using Microsoft.Extensions.Options;

namespace Authy.UnitTests.Caching;

public sealed class VerifyMemberCacheTests
{
    // The encrypted seed as AesGcmSecretProtector stores it: version byte, key id (8), nonce (12), tag (16), 20-byte seed.
    private const int EncryptedSeedLength = 1 + 8 + 12 + 16 + 20;

    [Fact]
    public void Set_MoreMembersThanTheCapacity_KeepsAtMostTheCapacityAndTheRecentlyUsed()
    {
        var cache = Cache(100);
        for (var id = 1L; id <= 1_000; id++)
        {
            cache.Set(1, id, Member(id));
            cache.TryGet(1, 1, out _); // the first member is used all along
        }

        Assert.InRange(cache.Count, 1, 100);
        Assert.True(cache.TryGet(1, 1, out _));
        Assert.True(cache.TryGet(1, 1_000, out var last));
        Assert.Equal(1_000, last.MemberId);
    }

    [Fact]
    public void TryGet_CapacityZero_CachesNothing()
    {
        var cache = Cache(0);

        cache.Set(1, 1, Member(1));

        Assert.False(cache.TryGet(1, 1, out _));
    }

    [Fact]
    public void Remove_CachedMember_IsForgottenInItsApplicationOnly()
    {
        var cache = Cache(10);
        cache.Set(1, 7, Member(1));
        cache.Set(2, 7, Member(2));

        cache.Remove(1, 7);

        Assert.False(cache.TryGet(1, 7, out _));
        Assert.True(cache.TryGet(2, 7, out _));
    }

    /// <summary>
    /// The memory bound documented for <see cref="TokenOptions.VerifyCacheEntries"/> (ADR 0021): the heap that 100,000
    /// entries hold, with their encrypted seeds, measured here (about 300 bytes each; the test allows 512).
    /// </summary>
    [Fact]
    public void Set_HundredThousandMembers_HoldsUnder512BytesEach()
    {
        const int entries = 100_000;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cache = Cache(entries);
        for (var id = 0; id < entries; id++)
        {
            cache.Set(1, id, Member(id));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(cache);

        var perEntry = (after - before) / (double)entries;
        TestContext.Current.TestOutputHelper?.WriteLine($"{perEntry:0} bytes per entry");
        Assert.True(perEntry is > 100 and < 512, $"{perEntry:0} bytes per entry");
    }

    private static VerifyMemberCache Cache(int entries) => new(Options.Create(new TokenOptions { VerifyCacheEntries = entries }));

    private static CachedVerifyMember Member(long id) =>
        new(id, AppUserStatus.Active, DateTimeOffset.UnixEpoch, new byte[EncryptedSeedLength], 1, Registered: true);
}
