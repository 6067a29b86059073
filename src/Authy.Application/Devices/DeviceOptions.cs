using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Devices;

/// <summary>Device registration and device tokens (section <c>Devices</c>).</summary>
public sealed class DeviceOptions
{
    public const string SectionName = "Devices";

    /// <summary>The name in the registration message ("Your {name} verification code is …"). Default "Authenticator".</summary>
    [Required]
    [MaxLength(50)]
    public string ServiceName { get; set; } = "Authenticator";

    /// <summary>How long a registration code is valid, in seconds. Default 600.</summary>
    [Range(60, 3600)]
    public int RegistrationSeconds { get; set; } = 600;

    /// <summary>Wrong codes allowed per registration before it is dead. Default 5.</summary>
    [Range(1, 20)]
    public int MaxRegistrationAttempts { get; set; } = 5;

    /// <summary>Registrations started per phone number within <see cref="RegistrationWindowSeconds"/>. Default 5.</summary>
    [Range(1, 100)]
    public int MaxRegistrationsPerPhone { get; set; } = 5;

    /// <summary>The registration throttle window, in seconds. Default 600.</summary>
    [Range(60, 86400)]
    public int RegistrationWindowSeconds { get; set; } = 600;

    /// <summary>The longest lifetime a device token may claim (exp − iat), in seconds. Default 300.</summary>
    [Range(30, 3600)]
    public int MaxTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>Clock difference tolerated between a device and the server, in seconds. Default 60.</summary>
    [Range(0, 600)]
    public int ClockSkewSeconds { get; set; } = 60;
}
