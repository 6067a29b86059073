namespace Authy.Application.Otp;

/// <summary>The outcome of checking a code.</summary>
public enum TotpCheck
{
    /// <summary>The code matches a step after the last accepted one: accept it and record the step.</summary>
    Valid,

    /// <summary>The code matches, but its step is at or before the last accepted step.</summary>
    Reused,

    /// <summary>The code is malformed or matches no accepted step.</summary>
    Invalid,
}

/// <summary>The result of <see cref="TotpVerifier.Verify"/>.</summary>
/// <param name="Result">Valid, reused or invalid.</param>
/// <param name="Step">The matched step (also for <see cref="TotpCheck.Reused"/>); null for <see cref="TotpCheck.Invalid"/>.</param>
public readonly record struct TotpVerification(TotpCheck Result, long? Step);
