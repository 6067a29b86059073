using System.Security.Cryptography;

namespace Authy.Application.Otp;

/// <summary>Checks a user-supplied TOTP code against a time window, in constant time, with replay detection.</summary>
public static class TotpVerifier
{
    /// <summary>
    /// Compares <paramref name="code"/> against every step in
    /// <see cref="Totp.AcceptedSteps"/>(<paramref name="now"/>, <paramref name="window"/>, step) with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/>, without early exit: the time taken does not depend
    /// on which step matched. A code that is not all ASCII digits or has the wrong length is
    /// <see cref="TotpCheck.Invalid"/> (never an exception). If a step matches the result is
    /// <see cref="TotpCheck.Reused"/> when <paramref name="lastAcceptedStep"/> is not null and the step is at or
    /// before it, else <see cref="TotpCheck.Valid"/>. If several steps match (only by accident), the highest step
    /// that is not reused wins; if all are reused, the highest one is reported.
    /// </summary>
    /// <param name="key">The secret (the seed, or an <see cref="ActionKey"/>); must not be empty.</param>
    /// <param name="code">The code as typed; null, empty or malformed codes are invalid.</param>
    /// <param name="now">The server's current time.</param>
    /// <param name="window">How far either side of <paramref name="now"/> codes are accepted.</param>
    /// <param name="parameters">Digits, step and hash.</param>
    /// <param name="lastAcceptedStep">The last step accepted for this secret, or null if none yet.</param>
    /// <remarks>The caller must record <see cref="TotpVerification.Step"/> of a valid code atomically (refusing it
    /// if another request recorded that step or a later one first), so each code is accepted once.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Out-of-range parameters or a negative window (configuration errors).</exception>
    /// <exception cref="ArgumentException">An empty key.</exception>
    public static TotpVerification Verify(
        ReadOnlySpan<byte> key,
        string code,
        DateTimeOffset now,
        TimeSpan window,
        TotpParameters parameters,
        long? lastAcceptedStep)
    {
        Totp.Validate(parameters);
        if (key.IsEmpty)
        {
            throw new ArgumentException("The OTP key must not be empty.", nameof(key));
        }

        var (first, last) = Totp.AcceptedSteps(now, window, parameters.StepSeconds);
        var digits = parameters.Digits;
        if (!IsWellFormed(code, digits))
        {
            return new TotpVerification(TotpCheck.Invalid, null);
        }

        Span<byte> supplied = stackalloc byte[Hotp.MaxDigits];
        supplied = supplied[..digits];
        for (var i = 0; i < digits; i++)
        {
            supplied[i] = (byte)code[i];
        }

        Span<byte> expected = stackalloc byte[Hotp.MaxDigits];
        expected = expected[..digits];

        long? highestMatch = null;
        long? highestFresh = null;
        for (var step = first; step <= last; step++)
        {
            Hotp.Write(key, step, parameters.Algorithm, expected);
            var match = CryptographicOperations.FixedTimeEquals(expected, supplied);
            var fresh = lastAcceptedStep is not { } lastStep || step > lastStep;

            // No early exit and no branch on the comparison: every step is computed and compared.
            highestMatch = match ? step : highestMatch;
            highestFresh = match & fresh ? step : highestFresh;
        }

        CryptographicOperations.ZeroMemory(expected);

        if (highestFresh is { } valid)
        {
            return new TotpVerification(TotpCheck.Valid, valid);
        }

        return highestMatch is { } reused
            ? new TotpVerification(TotpCheck.Reused, reused)
            : new TotpVerification(TotpCheck.Invalid, null);
    }

    private static bool IsWellFormed(string? code, int digits)
    {
        if (code is null || code.Length != digits)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
