namespace Authy.Application.Devices;

/// <summary>An authenticator registered to a user (the device API arrives with soft tokens).</summary>
public sealed class Device
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary><c>android</c>, <c>ios</c>, <c>authy_chrome</c>, <c>web</c>…: shown as <c>device</c> in "ignored" answers.</summary>
    public required string OsType { get; set; }

    public required string Name { get; set; }

    /// <summary>The device's P-256 public key (SubjectPublicKeyInfo), used to check its signed requests.</summary>
    public byte[]? PublicKey { get; set; }

    /// <summary>How the phone was proven: <c>sms</c> or <c>call</c>.</summary>
    public string? RegistrationMethod { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }
}
