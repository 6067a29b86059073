using System.Security.Cryptography;
using Authy.Infrastructure.Secrets;

namespace Authy.UnitTests.Secrets;

public sealed class AesGcmSecretProtectorTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Protect_RoundTripsAndNeverRepeatsCiphertext()
    {
        var protector = new AesGcmSecretProtector(KeyA, []);
        var seed = RandomNumberGenerator.GetBytes(20);

        var first = protector.Protect(seed, "seed");
        var second = protector.Protect(seed, "seed");

        Assert.Equal(seed, protector.Unprotect(first, "seed"));
        Assert.NotEqual(first, second);
        Assert.False(first.AsSpan().IndexOf(seed) >= 0, "The plaintext must not appear in the ciphertext.");
    }

    [Fact]
    public void Mac_IsStablePerKeyAndPurpose_AndDiffersAcrossThem()
    {
        var protectorA = new AesGcmSecretProtector(KeyA, []);
        var protectorB = new AesGcmSecretProtector(KeyB, []);
        byte[] code = [(byte)'1', (byte)'2', (byte)'3', (byte)'4'];

        var mac = protectorA.Mac(code, "code");

        Assert.Equal(32, mac.Length);
        Assert.Equal(mac, new AesGcmSecretProtector(KeyA, []).Mac(code, "code"));
        Assert.NotEqual(mac, protectorA.Mac(code, "other"));
        Assert.NotEqual(mac, protectorB.Mac(code, "code"));
        // Not a plain HMAC under the master key: the key is an HKDF subkey.
        Assert.NotEqual(mac, HMACSHA256.HashData(KeyA, code));
    }

    [Fact]
    public void Unprotect_TamperedByte_Throws()
    {
        var protector = new AesGcmSecretProtector(KeyA, []);
        var data = protector.Protect([1, 2, 3], "seed");
        data[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(data, "seed"));
    }

    [Fact]
    public void Unprotect_OtherPurpose_Throws()
    {
        var protector = new AesGcmSecretProtector(KeyA, []);
        var data = protector.Protect([1, 2, 3], "seed");

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(data, "outbox"));
    }

    [Fact]
    public void Unprotect_AfterRotation_OldDataOpensWithPreviousKey()
    {
        var old = new AesGcmSecretProtector(KeyA, []).Protect([9, 9], "seed");

        var rotated = new AesGcmSecretProtector(KeyB, [KeyA]);
        var withoutPrevious = new AesGcmSecretProtector(KeyB, []);

        Assert.Equal([9, 9], rotated.Unprotect(old, "seed"));
        Assert.ThrowsAny<CryptographicException>(() => withoutPrevious.Unprotect(old, "seed"));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Decode_BadMasterKey_FailsWithSettingName(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MasterKeys.Decode(value, "Security:MasterKey"));

        Assert.Contains("Security:MasterKey", error.Message, StringComparison.Ordinal);
    }
}
