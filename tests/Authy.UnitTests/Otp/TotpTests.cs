using System.Text;
using Authy.Application.Otp;

namespace Authy.UnitTests.Otp;

public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed =
        Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B, the whole table: time, value of T, TOTP (8 digits), mode; step 30, T0 = 0.
    [Theory]
    [InlineData(59L, 0x0000000000000001L, "94287082", OtpHashAlgorithm.Sha1)]
    [InlineData(59L, 0x0000000000000001L, "46119246", OtpHashAlgorithm.Sha256)]
    [InlineData(59L, 0x0000000000000001L, "90693936", OtpHashAlgorithm.Sha512)]
    [InlineData(1111111109L, 0x00000000023523ECL, "07081804", OtpHashAlgorithm.Sha1)]
    [InlineData(1111111109L, 0x00000000023523ECL, "68084774", OtpHashAlgorithm.Sha256)]
    [InlineData(1111111109L, 0x00000000023523ECL, "25091201", OtpHashAlgorithm.Sha512)]
    [InlineData(1111111111L, 0x00000000023523EDL, "14050471", OtpHashAlgorithm.Sha1)]
    [InlineData(1111111111L, 0x00000000023523EDL, "67062674", OtpHashAlgorithm.Sha256)]
    [InlineData(1111111111L, 0x00000000023523EDL, "99943326", OtpHashAlgorithm.Sha512)]
    [InlineData(1234567890L, 0x000000000273EF07L, "89005924", OtpHashAlgorithm.Sha1)]
    [InlineData(1234567890L, 0x000000000273EF07L, "91819424", OtpHashAlgorithm.Sha256)]
    [InlineData(1234567890L, 0x000000000273EF07L, "93441116", OtpHashAlgorithm.Sha512)]
    [InlineData(2000000000L, 0x0000000003F940AAL, "69279037", OtpHashAlgorithm.Sha1)]
    [InlineData(2000000000L, 0x0000000003F940AAL, "90698825", OtpHashAlgorithm.Sha256)]
    [InlineData(2000000000L, 0x0000000003F940AAL, "38618901", OtpHashAlgorithm.Sha512)]
    [InlineData(20000000000L, 0x0000000027BC86AAL, "65353130", OtpHashAlgorithm.Sha1)]
    [InlineData(20000000000L, 0x0000000027BC86AAL, "77737706", OtpHashAlgorithm.Sha256)]
    [InlineData(20000000000L, 0x0000000027BC86AAL, "47863826", OtpHashAlgorithm.Sha512)]
    public void ComputeAt_Rfc6238AppendixB_MatchesVector(
        long unixSeconds, long expectedStep, string expected, OtpHashAlgorithm algorithm)
    {
        var seed = algorithm switch
        {
            OtpHashAlgorithm.Sha1 => Sha1Seed,
            OtpHashAlgorithm.Sha256 => Sha256Seed,
            OtpHashAlgorithm.Sha512 => Sha512Seed,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        var parameters = new TotpParameters(8, 30, algorithm);
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(expectedStep, Totp.StepAt(time, 30));
        Assert.Equal(expected, Totp.ComputeAt(seed, time, parameters));
        Assert.Equal(expected, Totp.Compute(seed, expectedStep, parameters));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(29L, 0L)]
    [InlineData(30L, 1L)]
    [InlineData(1_700_000_009L, 56_666_666L)]
    [InlineData(1_700_000_010L, 56_666_667L)]
    public void StepAt_UnixSeconds_FloorsToStep(long unixSeconds, long expected)
    {
        Assert.Equal(expected, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), 30));
    }

    [Fact]
    public void StepAt_SubSecondTime_UsesWholeSeconds()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(59).AddMilliseconds(999);

        Assert.Equal(1, Totp.StepAt(time, 30));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void StepAt_StepNotPositive_Throws(int stepSeconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(59), stepSeconds));
    }

    [Fact]
    public void AcceptedSteps_ThreeMinutesAtStepBoundary_CoversThirteenSteps()
    {
        // now = 1_700_000_010 is the first second of step 56_666_667; (now - 180) / 30 and (now + 180) / 30.
        var (first, last) = Totp.AcceptedSteps(
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_010), TimeSpan.FromSeconds(180), 30);

        Assert.Equal(56_666_661L, first);
        Assert.Equal(56_666_673L, last);
    }

    [Fact]
    public void AcceptedSteps_MidStep_FollowsWindowRule()
    {
        // now = 1_700_000_025: (now - 180) = 1_699_999_845 → 56_666_661; (now + 180) = 1_700_000_205 → 56_666_673.
        var (first, last) = Totp.AcceptedSteps(
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_025), TimeSpan.FromSeconds(180), 30);

        Assert.Equal(56_666_661L, first);
        Assert.Equal(56_666_673L, last);
    }

    [Fact]
    public void AcceptedSteps_ZeroWindow_IsCurrentStepOnly()
    {
        var (first, last) = Totp.AcceptedSteps(DateTimeOffset.FromUnixTimeSeconds(1_700_000_039), TimeSpan.Zero, 30);

        Assert.Equal(56_666_667L, first);
        Assert.Equal(56_666_667L, last);
    }

    [Fact]
    public void AcceptedSteps_FractionalWindow_IsFlooredToWholeSeconds()
    {
        // 180.9 s counts as 180 s: at the last second of step s plus 181 s, step s is no longer accepted.
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_039 + 181);

        var (first, _) = Totp.AcceptedSteps(now, TimeSpan.FromMilliseconds(180_900), 30);

        Assert.Equal(56_666_668L, first);
    }

    [Fact]
    public void AcceptedSteps_NearEpoch_NeverNegative()
    {
        var (first, last) = Totp.AcceptedSteps(DateTimeOffset.FromUnixTimeSeconds(10), TimeSpan.FromSeconds(180), 30);

        Assert.Equal(0L, first);
        Assert.Equal(6L, last);
    }

    [Fact]
    public void AcceptedSteps_NegativeWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Totp.AcceptedSteps(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), TimeSpan.FromSeconds(-1), 30));
    }

    [Fact]
    public void Compute_InvalidParameters_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Totp.Compute(Sha1Seed, 1, new TotpParameters(5, 30, OtpHashAlgorithm.Sha1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Totp.Compute(Sha1Seed, 1, new TotpParameters(6, 0, OtpHashAlgorithm.Sha1)));
        Assert.Throws<ArgumentNullException>(() => Totp.Compute(Sha1Seed, 1, null!));
    }

    [Fact]
    public void Parameters_AuthyAndGeneric_HaveDocumentedValues()
    {
        Assert.Equal(new TotpParameters(7, 30, OtpHashAlgorithm.Sha1), TotpParameters.Authy);
        Assert.Equal(new TotpParameters(6, 30, OtpHashAlgorithm.Sha1), TotpParameters.Generic);
    }

    [Fact]
    public void ComputeAt_AuthyParameters_IsSevenDigitsOfTheSameHotp()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1111111109);

        var authy = Totp.ComputeAt(Sha1Seed, time, TotpParameters.Authy);

        Assert.Equal("7081804", authy);
    }
}
