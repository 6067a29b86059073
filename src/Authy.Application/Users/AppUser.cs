using Authy.Application.Apps;

namespace Authy.Application.Users;

/// <summary>A user's membership of one application, with that application's secret for the user.</summary>
public sealed class AppUser
{
    public long Id { get; set; }

    public int AppId { get; set; }

    public App App { get; set; } = null!;

    public long UserId { get; set; }

    public User User { get; set; } = null!;

    /// <summary>The e-mail the application registered last for this user.</summary>
    public string? Email { get; set; }

    public AppUserStatus Status { get; set; }

    /// <summary>The 20-byte TOTP seed, encrypted at rest (see ISecretProtector).</summary>
    public required byte[] EncryptedSeed { get; set; }

    /// <summary>
    /// Starts at 1 and goes up each time the seed is replaced (a device that was handed it was removed), so the server
    /// knows whether a device holds the current seed (<see cref="Devices.DeviceSeedGrant"/>).
    /// </summary>
    public int SeedVersion { get; set; } = 1;

    /// <summary>The highest TOTP step accepted so far; steps at or before it are refused (one use per code).</summary>
    public long? LastAcceptedStep { get; set; }

    /// <summary>When a token was first verified: the user has finished registration.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum AppUserStatus
{
    Active = 0,
    Banned = 1,
}
