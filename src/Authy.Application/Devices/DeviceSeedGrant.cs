namespace Authy.Application.Devices;

/// <summary>
/// Which version of a membership's seed a device was handed by <c>GET /device/v1/tokens</c>. A seed leaves the server
/// once per device and version; removing the device rotates every seed it was handed (ADR 0019).
/// </summary>
public sealed class DeviceSeedGrant
{
    public long DeviceId { get; set; }

    public long AppUserId { get; set; }

    /// <summary>
    /// The <see cref="Users.AppUser.SeedVersion"/> handed out. <see cref="LegacyVersion"/> marks a device that synced before
    /// versions were recorded: it was handed the seed, so its removal rotates it, and its next sync hands the seed out again.
    /// </summary>
    public int SeedVersion { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>The version recorded for grants made before versions existed (memberships start at 1).</summary>
    public const int LegacyVersion = 0;
}
