namespace Authy.Application.Phones.Verification;

/// <summary>
/// One phone verification (spec §3.12–3.13): a random code sent to a number for an application, checked once.
/// The code is kept twice, for two needs: a MAC under the master key to check it, and an AES-GCM ciphertext so a
/// resend within the validity carries the same code. Without the master key, a database dump reveals neither.
/// </summary>
public sealed class PhoneVerification
{
    public Guid Id { get; set; }

    public int AppId { get; set; }

    public int CountryCode { get; set; }

    public required string PhoneNumber { get; set; }

    /// <summary><c>sms</c> or <c>call</c>: the channel of the latest send.</summary>
    public required string Via { get; set; }

    /// <summary>See <see cref="PhoneVerificationCodes.Hash"/>.</summary>
    public required byte[] CodeHash { get; set; }

    public required byte[] EncryptedCode { get; set; }

    public PhoneVerificationStatus Status { get; set; }

    /// <summary>Wrong codes checked so far; at the application's limit the verification is spent.</summary>
    public int FailedChecks { get; set; }

    /// <summary>How many times the code was sent (the first send and every resend).</summary>
    public int Sends { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
}

public enum PhoneVerificationStatus
{
    Pending = 0,
    Verified = 1,

    /// <summary>The attempt budget is spent: no code, right or wrong, is checked any more.</summary>
    Failed = 2,
}
