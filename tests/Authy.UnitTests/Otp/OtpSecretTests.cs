using System.Security.Cryptography;
using System.Text;
using Authy.Application.Otp;

namespace Authy.UnitTests.Otp;

public sealed class OtpSecretTests
{
    [Fact]
    public void NewSeed_Called_Returns20Bytes()
    {
        Assert.Equal(20, OtpSecret.SeedBytes);
        Assert.Equal(OtpSecret.SeedBytes, OtpSecret.NewSeed().Length);
    }

    [Fact]
    public void NewSeed_CalledTwice_ReturnsDifferentSeeds()
    {
        Assert.NotEqual(OtpSecret.NewSeed(), OtpSecret.NewSeed());
    }

    // RFC 4648 §10 test vectors, without padding.
    [Theory]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    [InlineData("12345678901234567890", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")]
    public void ToBase32_Rfc4648Vector_IsUpperCaseWithoutPadding(string ascii, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(ascii);

        Assert.Equal(expected, OtpSecret.ToBase32(bytes));
        Assert.Equal(bytes, OtpSecret.FromBase32(expected));
    }

    [Fact]
    public void FromBase32_ToBase32_RoundTripsAnyLength()
    {
        for (var length = 1; length <= 64; length++)
        {
            var secret = RandomNumberGenerator.GetBytes(length);

            Assert.Equal(secret, OtpSecret.FromBase32(OtpSecret.ToBase32(secret)));
        }
    }

    [Fact]
    public void FromBase32_NewSeed_RoundTrips()
    {
        var seed = OtpSecret.NewSeed();
        var base32 = OtpSecret.ToBase32(seed);

        Assert.Equal(32, base32.Length);
        Assert.Equal(seed, OtpSecret.FromBase32(base32));
    }

    [Theory]
    [InlineData("mzxw6ytboi")]
    [InlineData("MzXw6YtBoI")]
    [InlineData("MZXW6YTBOI======")]
    [InlineData("MZXW 6YTB OI")]
    [InlineData(" mzxw-6ytb-oi== ")]
    public void FromBase32_LowerCasePaddingOrSpaces_Decodes(string base32)
    {
        Assert.Equal("foobar"u8.ToArray(), OtpSecret.FromBase32(base32));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("====")]
    [InlineData("MZXW6YTBO1")]
    [InlineData("MZXW6YTBO8")]
    [InlineData("MZXW6YTBOI!")]
    [InlineData("MZ=XW6YTBOI")]
    [InlineData("M")]
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    public void FromBase32_Malformed_ThrowsFormatException(string base32)
    {
        Assert.Throws<FormatException>(() => OtpSecret.FromBase32(base32));
    }

    [Fact]
    public void FromBase32_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => OtpSecret.FromBase32(null!));
    }

    [Fact]
    public void ToBase32_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => OtpSecret.ToBase32([]));
    }
}
