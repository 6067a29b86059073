using System.Text;
using Authy.Application.Otp;
using OtpNetHashMode = OtpNet.OtpHashMode;
using OtpNetHotp = OtpNet.Hotp;

namespace Authy.UnitTests.Otp;

public sealed class HotpTests
{
    private static readonly byte[] Rfc4226Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void Compute_Rfc4226AppendixD_MatchesVector(long counter, string expected)
    {
        Assert.Equal(expected, Hotp.Compute(Rfc4226Secret, counter, 6));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Compute_ManyCounters_KeepsLeadingZeros(int digits)
    {
        var codes = Enumerable.Range(0, 200).Select(counter => Hotp.Compute(Rfc4226Secret, counter, digits)).ToList();

        Assert.All(codes, code => Assert.Equal(digits, code.Length));
        Assert.All(codes, code => Assert.True(code.All(char.IsAsciiDigit), code));
        Assert.Contains(codes, code => code[0] == '0');
    }

    [Fact]
    public void Compute_CounterWithLeadingZeroValue_IsZeroPadded()
    {
        // Brute force a counter whose 6-digit value is below 100000 and check it against the padded number.
        var counter = Enumerable.Range(0, 10_000).First(c => Hotp.Compute(Rfc4226Secret, c, 6)[0] == '0');

        var eightDigits = Hotp.Compute(Rfc4226Secret, counter, 8);
        var sixDigits = Hotp.Compute(Rfc4226Secret, counter, 6);

        Assert.Equal(eightDigits[2..], sixDigits);
        Assert.StartsWith("0", sixDigits, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OtpHashAlgorithm.Sha1)]
    [InlineData(OtpHashAlgorithm.Sha256)]
    [InlineData(OtpHashAlgorithm.Sha512)]
    public void Compute_TenDigits_EndsWithEightDigitCode(OtpHashAlgorithm algorithm)
    {
        for (var counter = 0L; counter < 100; counter++)
        {
            var ten = Hotp.Compute(Rfc4226Secret, counter, 10, algorithm);
            var eight = Hotp.Compute(Rfc4226Secret, counter, 8, algorithm);

            Assert.Equal(10, ten.Length);
            Assert.Equal(eight, ten[2..]);
            Assert.InRange(ten[0], '0', '2');
        }
    }

    [Theory]
    [InlineData(OtpHashAlgorithm.Sha1, OtpNetHashMode.Sha1)]
    [InlineData(OtpHashAlgorithm.Sha256, OtpNetHashMode.Sha256)]
    [InlineData(OtpHashAlgorithm.Sha512, OtpNetHashMode.Sha512)]
    public void Compute_AnyCounterAndDigits_MatchesOtpNet(OtpHashAlgorithm algorithm, OtpNetHashMode mode)
    {
        var key = Encoding.ASCII.GetBytes("an independent reference key for cross-checking");
        for (var digits = 6; digits <= 8; digits++)
        {
            var reference = new OtpNetHotp(key, mode, digits);
            foreach (var counter in new[] { 0L, 1L, 59L, 56_666_667L, 1_000_000_007L, int.MaxValue + 3L })
            {
                Assert.Equal(reference.ComputeHOTP(counter), Hotp.Compute(key, counter, digits, algorithm));
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(0)]
    [InlineData(-6)]
    public void Compute_DigitsOutOfRange_Throws(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.Compute(Rfc4226Secret, 0, digits));
    }

    [Fact]
    public void Compute_NegativeCounter_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.Compute(Rfc4226Secret, -1, 6));
    }

    [Fact]
    public void Compute_EmptyKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => Hotp.Compute([], 0, 6));
    }

    [Fact]
    public void Compute_UnknownAlgorithm_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.Compute(Rfc4226Secret, 0, 6, (OtpHashAlgorithm)42));
    }
}
