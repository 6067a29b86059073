namespace Authy.Application.Devices;

/// <summary>
/// A pending device registration: the phone must be proven with a code sent by SMS or call before a device key is
/// accepted. The code is stored only as a hash; a registration allows a few attempts and expires.
/// </summary>
public sealed class DeviceRegistration
{
    public Guid Id { get; set; }

    public int CountryCode { get; set; }

    public required string PhoneNumber { get; set; }

    /// <summary><c>sms</c> or <c>call</c>.</summary>
    public required string Via { get; set; }

    /// <summary>The code's MAC under the master key (see <c>StartDeviceRegistration.HashCode</c>).</summary>
    public required byte[] CodeHash { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An event for a device (a token request now, approval requests later), kept so a reconnecting stream can resume.</summary>
public sealed class DeviceEvent
{
    public long Id { get; set; }

    public long DeviceId { get; set; }

    public required string Type { get; set; }

    /// <summary>The event's data, compact JSON.</summary>
    public required string Data { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A device token id (<c>jti</c>) already used: a replayed token is refused until it would have expired anyway.</summary>
public sealed class DeviceTokenUse
{
    public long DeviceId { get; set; }

    public required string TokenId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
