namespace Authy.Application.Otp;

/// <summary>Digits, step size and hash of one kind of code.</summary>
/// <param name="Digits">The number of decimal digits, 6 to 10.</param>
/// <param name="StepSeconds">The time step (RFC 6238's X) in seconds, greater than zero.</param>
/// <param name="Algorithm">The HMAC hash function.</param>
/// <remarks>Values are checked where they are used (<see cref="Totp"/>, <see cref="TotpVerifier"/>), which throw
/// <see cref="ArgumentOutOfRangeException"/> for out-of-range digits or steps.</remarks>
public sealed record TotpParameters(int Digits, int StepSeconds, OtpHashAlgorithm Algorithm)
{
    /// <summary>Authy codes (app sync, SMS, voice): 7 digits, 30 seconds, HMAC-SHA-1.</summary>
    public static TotpParameters Authy { get; } = new(7, 30, OtpHashAlgorithm.Sha1);

    /// <summary>Google Authenticator-style QR secrets: 6 digits, 30 seconds, HMAC-SHA-1.</summary>
    public static TotpParameters Generic { get; } = new(6, 30, OtpHashAlgorithm.Sha1);
}
