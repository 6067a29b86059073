using Authy.Application.Otp;

namespace Authy.Application.Tokens;

/// <summary>How codes for a member are derived, shared by every channel that sends one and by verify.</summary>
internal static class TokenCodes
{
    public static TotpParameters Parameters(int periodSeconds) => TotpParameters.Authy with { StepSeconds = periodSeconds };

    /// <summary>A code bound to <paramref name="action"/> comes from a per-action key, so it verifies only with that action.</summary>
    public static byte[] KeyFor(byte[] seed, string? action) =>
        string.IsNullOrEmpty(action) ? seed : ActionKey.Derive(seed, action);

    /// <summary>
    /// The code to send now. It is the current step's code, unless that step (or a later one) was already accepted —
    /// a user who logs in twice within one step would otherwise receive a code that is refused as reused — in which
    /// case it is the next unused step's code, which the verify window still accepts.
    /// </summary>
    public static string ForDelivery(byte[] key, long? lastAcceptedStep, DateTimeOffset now, int periodSeconds)
    {
        var step = Totp.StepAt(now, periodSeconds);
        if (lastAcceptedStep is long last && last >= step)
        {
            step = last + 1;
        }

        return Totp.Compute(key, step, Parameters(periodSeconds));
    }
}
