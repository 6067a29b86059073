using System.Security.Cryptography;
using Authy.Application.Delivery;
using Authy.Infrastructure.Secrets;

namespace Authy.UnitTests.Delivery;

/// <summary>Drawing, MACing and matching random one-time codes (the attempt budget is tested against real databases).</summary>
public sealed class OneTimeCodesTests
{
    private static readonly AesGcmSecretProtector Protector = new(RandomNumberGenerator.GetBytes(32), []);

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(10)]
    public void Draw_GivesThatManyDigits_WithEveryDigitInEveryPosition(int length)
    {
        var seen = new HashSet<char>[length];
        for (var i = 0; i < length; i++)
        {
            seen[i] = [];
        }

        for (var n = 0; n < 2_000; n++)
        {
            var code = OneTimeCodes.Draw(length);
            Assert.True(OneTimeCodes.IsDigits(code, length, length), code);
            for (var i = 0; i < length; i++)
            {
                seen[i].Add(code[i]);
            }
        }

        // 2,000 draws miss a digit in a position with probability about 10 × 0.9^2000: leading zeros are kept.
        Assert.All(seen, digits => Assert.Equal(10, digits.Count));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("123", false)]
    [InlineData("1234", true)]
    [InlineData("12345678901", false)]
    [InlineData("12a4", false)]
    [InlineData("١٢٣٤", false)] // Arabic-Indic digits are digits, not ASCII digits
    public void IsDigits_AcceptsOnlyAsciiDigitsWithinTheLengths(string? code, bool expected) =>
        Assert.Equal(expected, OneTimeCodes.IsDigits(code, 4, 10));

    [Fact]
    public void Matches_OnlyTheCodeOfTheSameOwnerAndPurpose()
    {
        var owner = Guid.NewGuid();
        var mac = OneTimeCodes.Mac(Protector, "purpose.a", owner, "123456");

        Assert.True(OneTimeCodes.Matches(Protector, "purpose.a", owner, mac, "123456"));
        Assert.False(OneTimeCodes.Matches(Protector, "purpose.a", owner, mac, "123457"));
        Assert.False(OneTimeCodes.Matches(Protector, "purpose.a", Guid.NewGuid(), mac, "123456"));
        Assert.False(OneTimeCodes.Matches(Protector, "purpose.b", owner, mac, "123456"));
    }

    [Fact]
    public void Mac_DoesNotContainTheCode()
    {
        var mac = OneTimeCodes.Mac(Protector, "purpose.a", Guid.NewGuid(), "123456");

        Assert.Equal(-1, mac.AsSpan().IndexOf("123456"u8));
    }
}
