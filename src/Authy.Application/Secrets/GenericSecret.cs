namespace Authy.Application.Secrets;

/// <summary>
/// A QR-enrolled secret for third-party authenticator apps (Google Authenticator and the like): 6 digits, 30 s, SHA-1.
/// One active per member: a new request replaces it. Its QR image is served for 24 hours from an unguessable URL.
/// </summary>
public sealed class GenericSecret
{
    public long Id { get; set; }

    public long AppUserId { get; set; }

    /// <summary>The 20-byte seed, encrypted at rest.</summary>
    public required byte[] EncryptedSeed { get; set; }

    /// <summary>The last accepted step of this secret: its codes are one-use on their own step scale.</summary>
    public long? LastAcceptedStep { get; set; }

    public required string Label { get; set; }

    public int QrSize { get; set; }

    /// <summary>SHA-256 of the random token in the QR image's URL; the token itself is never stored.</summary>
    public required byte[] QrTokenHash { get; set; }

    public DateTimeOffset QrExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
