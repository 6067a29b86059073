namespace Authy.Application.Otp;

/// <summary>
/// TOTP (RFC 6238) with T0 = 0: the HOTP value of the step number floor(unix seconds / step). The clock is never
/// read here; every time is a parameter.
/// </summary>
public static class Totp
{
    /// <summary>The step containing <paramref name="time"/>: floor(unix seconds / <paramref name="stepSeconds"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSeconds"/> is zero or less.</exception>
    public static long StepAt(DateTimeOffset time, int stepSeconds)
    {
        ValidateStep(stepSeconds);
        return FloorDiv(time.ToUnixTimeSeconds(), stepSeconds);
    }

    /// <summary>The code of <paramref name="key"/> for the given step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Parameters out of range or a negative step.</exception>
    /// <exception cref="ArgumentException">An empty key.</exception>
    public static string Compute(ReadOnlySpan<byte> key, long step, TotpParameters parameters)
    {
        Validate(parameters);
        return Hotp.Compute(key, step, parameters.Digits, parameters.Algorithm);
    }

    /// <summary>The code of <paramref name="key"/> at <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Parameters out of range or a time before 1970.</exception>
    /// <exception cref="ArgumentException">An empty key.</exception>
    public static string ComputeAt(ReadOnlySpan<byte> key, DateTimeOffset time, TotpParameters parameters)
    {
        Validate(parameters);
        return Hotp.Compute(key, StepAt(time, parameters.StepSeconds), parameters.Digits, parameters.Algorithm);
    }

    /// <summary>
    /// The inclusive range of steps accepted at <paramref name="now"/> for a window of <paramref name="window"/>
    /// either side. With step P and window W in whole seconds (both floored), step s is accepted iff
    /// <c>s*P - W &lt;= now &lt;= (s+1)*P - 1 + W</c>, that is for s in <c>floor((now-W)/P) .. floor((now+W)/P)</c>.
    /// A code generated at any moment T is thus accepted from T-W to at least T+W.
    /// </summary>
    /// <remarks>Steps are never negative: <c>First</c> is at least 0, so the range is empty (First &gt; Last)
    /// only for times more than W before 1970.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative window or a step of zero or less.</exception>
    public static (long First, long Last) AcceptedSteps(DateTimeOffset now, TimeSpan window, int stepSeconds)
    {
        ValidateStep(stepSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);

        var seconds = now.ToUnixTimeSeconds();
        var windowSeconds = window.Ticks / TimeSpan.TicksPerSecond;
        var first = Math.Max(0, FloorDiv(seconds - windowSeconds, stepSeconds));
        var last = FloorDiv(seconds + windowSeconds, stepSeconds);
        return (first, last);
    }

    /// <summary>Throws unless the parameters are usable.</summary>
    internal static void Validate(TotpParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Hotp.ValidateDigits(parameters.Digits);
        ValidateStep(parameters.StepSeconds);
    }

    private static void ValidateStep(int stepSeconds) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepSeconds, 0);

    private static long FloorDiv(long dividend, long divisor)
    {
        var quotient = Math.DivRem(dividend, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
