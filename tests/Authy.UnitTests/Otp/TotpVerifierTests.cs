using System.Text;
using Authy.Application.Otp;
using Microsoft.Extensions.Time.Testing;

namespace Authy.UnitTests.Otp;

public sealed class TotpVerifierTests
{
    private const long StepStart = 1_700_000_010; // first second of step 56_666_667 (P = 30)
    private const long Step = 56_666_667;

    private static readonly byte[] Seed = Encoding.ASCII.GetBytes("authy-otp-test-seed!");
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(180);

    public static TheoryData<string> ParameterSets => new() { nameof(TotpParameters.Authy), nameof(TotpParameters.Generic) };

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Verify_CodeFromLastSecondOfStepPlus180Seconds_IsValid(string set)
    {
        var parameters = Parameters(set);
        var generatedAt = StepStart + 29;
        var code = Totp.ComputeAt(Seed, At(generatedAt), parameters);

        var result = TotpVerifier.Verify(Seed, code, At(generatedAt + 180), Window, parameters, null);

        Assert.Equal(new TotpVerification(TotpCheck.Valid, Step), result);
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Verify_CodeFromLastSecondOfStepPlus181Seconds_IsInvalid(string set)
    {
        var parameters = Parameters(set);
        var generatedAt = StepStart + 29;
        var code = Totp.ComputeAt(Seed, At(generatedAt), parameters);

        var result = TotpVerifier.Verify(Seed, code, At(generatedAt + 181), Window, parameters, null);

        Assert.Equal(new TotpVerification(TotpCheck.Invalid, null), result);
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Verify_CodeOfStepStartingAtTMinus180Seconds_IsValid(string set)
    {
        var parameters = Parameters(set);
        var code = Totp.ComputeAt(Seed, At(StepStart), parameters);

        var result = TotpVerifier.Verify(Seed, code, At(StepStart - 180), Window, parameters, null);

        Assert.Equal(new TotpVerification(TotpCheck.Valid, Step), result);
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Verify_CodeOfStepStartingAtTMinus181Seconds_IsInvalid(string set)
    {
        var parameters = Parameters(set);
        var code = Totp.ComputeAt(Seed, At(StepStart), parameters);

        var result = TotpVerifier.Verify(Seed, code, At(StepStart - 181), Window, parameters, null);

        Assert.Equal(new TotpVerification(TotpCheck.Invalid, null), result);
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Verify_FakeClockAdvancedThroughWindow_AcceptsUntilWindowEnds(string set)
    {
        var parameters = Parameters(set);
        var clock = new FakeTimeProvider(At(StepStart + 29));
        var code = Totp.ComputeAt(Seed, clock.GetUtcNow(), parameters);

        clock.Advance(TimeSpan.FromSeconds(180));
        var atEdge = TotpVerifier.Verify(Seed, code, clock.GetUtcNow(), Window, parameters, null);
        clock.Advance(TimeSpan.FromSeconds(1));
        var pastEdge = TotpVerifier.Verify(Seed, code, clock.GetUtcNow(), Window, parameters, null);

        Assert.Equal(TotpCheck.Valid, atEdge.Result);
        Assert.Equal(TotpCheck.Invalid, pastEdge.Result);
    }

    [Fact]
    public void Verify_SameStepAsLastAccepted_IsReused()
    {
        var code = Totp.Compute(Seed, Step, TotpParameters.Authy);

        var result = TotpVerifier.Verify(Seed, code, At(StepStart), Window, TotpParameters.Authy, Step);

        Assert.Equal(new TotpVerification(TotpCheck.Reused, Step), result);
    }

    [Fact]
    public void Verify_StepBeforeLastAccepted_IsReused()
    {
        var code = Totp.Compute(Seed, Step - 1, TotpParameters.Authy);

        var result = TotpVerifier.Verify(Seed, code, At(StepStart), Window, TotpParameters.Authy, Step);

        Assert.Equal(new TotpVerification(TotpCheck.Reused, Step - 1), result);
    }

    [Fact]
    public void Verify_LastAcceptedOneBelow_IsValid()
    {
        var code = Totp.Compute(Seed, Step, TotpParameters.Authy);

        var result = TotpVerifier.Verify(Seed, code, At(StepStart), Window, TotpParameters.Authy, Step - 1);

        Assert.Equal(new TotpVerification(TotpCheck.Valid, Step), result);
    }

    [Fact]
    public void Verify_WrongCode_IsInvalidEvenWhenReusedWouldApply()
    {
        var code = Totp.Compute(Seed, Step, TotpParameters.Authy);
        var wrong = code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));

        var result = TotpVerifier.Verify(Seed, wrong, At(StepStart), TimeSpan.Zero, TotpParameters.Authy, Step);

        Assert.Equal(new TotpVerification(TotpCheck.Invalid, null), result);
    }

    [Fact]
    public void Verify_SeveralStepsMatch_PrefersHighestStepNotReused()
    {
        var (low, high) = FindCollidingSteps(TotpParameters.Generic, maxDistance: 12);
        var code = Totp.Compute(Seed, low, TotpParameters.Generic);
        var now = At((low * 30) + 180); // accepted steps: low .. low + 12

        Assert.Equal(code, Totp.Compute(Seed, high, TotpParameters.Generic));
        Assert.Equal(
            new TotpVerification(TotpCheck.Valid, high),
            TotpVerifier.Verify(Seed, code, now, Window, TotpParameters.Generic, null));
        Assert.Equal(
            new TotpVerification(TotpCheck.Valid, high),
            TotpVerifier.Verify(Seed, code, now, Window, TotpParameters.Generic, low));
        Assert.Equal(
            new TotpVerification(TotpCheck.Reused, high),
            TotpVerifier.Verify(Seed, code, now, Window, TotpParameters.Generic, high));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefg")]
    [InlineData("123456")]
    [InlineData("12345678")]
    [InlineData("1234567890123")]
    [InlineData("       ")]
    [InlineData("12 4567")]
    [InlineData("123456\n")]
    [InlineData("-123456")]
    [InlineData("+123456")]
    [InlineData("1.23456")]
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666\u0667")] // Arabic-Indic digits: char.IsDigit, not ASCII
    [InlineData("\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17")] // full-width digits
    public void Verify_MalformedCode_IsInvalid(string? code)
    {
        var result = TotpVerifier.Verify(Seed, code!, At(StepStart), Window, TotpParameters.Authy, null);

        Assert.Equal(new TotpVerification(TotpCheck.Invalid, null), result);
    }

    [Fact]
    public void Verify_ValidCodeWithSurroundingWhitespace_IsInvalid()
    {
        var code = Totp.Compute(Seed, Step, TotpParameters.Authy);

        Assert.Equal(TotpCheck.Valid, TotpVerifier.Verify(Seed, code, At(StepStart), Window, TotpParameters.Authy, null).Result);
        Assert.Equal(TotpCheck.Invalid, TotpVerifier.Verify(Seed, " " + code, At(StepStart), Window, TotpParameters.Authy, null).Result);
        Assert.Equal(TotpCheck.Invalid, TotpVerifier.Verify(Seed, code + " ", At(StepStart), Window, TotpParameters.Authy, null).Result);
        Assert.Equal(TotpCheck.Invalid, TotpVerifier.Verify(Seed, " " + code[1..], At(StepStart), Window, TotpParameters.Authy, null).Result);
    }

    [Fact]
    public void Verify_GenericCodeAgainstAuthyParameters_IsInvalid()
    {
        var generic = Totp.Compute(Seed, Step, TotpParameters.Generic);

        var result = TotpVerifier.Verify(Seed, generic, At(StepStart), Window, TotpParameters.Authy, null);

        Assert.Equal(TotpCheck.Invalid, result.Result);
    }

    [Fact]
    public void Verify_OtherSeed_IsInvalid()
    {
        var code = Totp.Compute(Seed, Step, TotpParameters.Authy);
        var other = Encoding.ASCII.GetBytes("another-test-seed!!!");

        var result = TotpVerifier.Verify(other, code, At(StepStart), Window, TotpParameters.Authy, null);

        Assert.Equal(TotpCheck.Invalid, result.Result);
    }

    [Fact]
    public void Verify_EmptyKey_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => TotpVerifier.Verify([], "1234567", At(StepStart), Window, TotpParameters.Authy, null));
    }

    [Fact]
    public void Verify_NegativeWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => TotpVerifier.Verify(Seed, "1234567", At(StepStart), TimeSpan.FromSeconds(-1), TotpParameters.Authy, null));
    }

    private static TotpParameters Parameters(string set) => set switch
    {
        nameof(TotpParameters.Authy) => TotpParameters.Authy,
        nameof(TotpParameters.Generic) => TotpParameters.Generic,
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    // Two steps at most maxDistance apart with the same code: rare (about 1 in 80,000 steps for 6 digits and
    // 12 neighbours), found deterministically by walking the steps of the fixed seed.
    private static (long Low, long High) FindCollidingSteps(TotpParameters parameters, int maxDistance)
    {
        var lastSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var step = Step; step < Step + 5_000_000; step++)
        {
            var code = Totp.Compute(Seed, step, parameters);
            if (lastSeen.TryGetValue(code, out var earlier) && step - earlier <= maxDistance)
            {
                return (earlier, step);
            }

            lastSeen[code] = step;
        }

        throw new InvalidOperationException("No colliding steps found.");
    }
}
