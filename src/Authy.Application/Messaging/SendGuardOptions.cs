using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Messaging;

/// <summary>
/// Server-wide limits on sent codes (section <c>Fraud</c>), applied by <see cref="SendGuard"/> to every SMS and call
/// whatever the route, application or user. Fraudsters send codes to ranges of premium numbers they share revenue on
/// (SMS pumping), and an unauthenticated route that sends is their cheapest way in.
/// </summary>
public sealed class SendGuardOptions
{
    public const string SectionName = "Fraud";

    /// <summary>SMS and calls to one number within <see cref="NumberWindowSeconds"/>, across applications and routes. Default 20; 0 disables.</summary>
    [Range(0, 1_000_000)]
    public int MaxSendsPerNumber { get; set; } = 20;

    /// <summary>The per-number window in seconds. Default 3600.</summary>
    [Range(60, 86400)]
    public int NumberWindowSeconds { get; set; } = 3600;

    /// <summary>How many leading digits of the E.164 number (country code included) make a prefix. Default 7 (<c>+1201555</c>).</summary>
    [Range(3, 12)]
    public int PrefixDigits { get; set; } = 7;

    /// <summary>SMS and calls to one prefix within <see cref="PrefixWindowSeconds"/>, across applications and routes. Default 100; 0 disables.</summary>
    [Range(0, 1_000_000)]
    public int MaxSendsPerPrefix { get; set; } = 100;

    /// <summary>The prefix window in seconds. Default 3600.</summary>
    [Range(60, 86400)]
    public int PrefixWindowSeconds { get; set; } = 3600;

    /// <summary>
    /// Sends that requests without an API key (device registration) may cause from one client address (an IPv6 /64)
    /// within <see cref="AddressWindowSeconds"/>. Default 10; 0 disables. Behind a reverse proxy, set
    /// <c>Network:TrustedProxies</c> so the client's own address is counted, not the proxy's.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxUnauthenticatedSendsPerAddress { get; set; } = 10;

    /// <summary>
    /// Of <see cref="MaxSendsPerNumber"/>, how many requests without an API key may use on one number within
    /// <see cref="NumberWindowSeconds"/>. Default 5; 0 disables. Lower than the shared limit, so that registering
    /// "devices" for someone's number cannot use up the sends their applications need to reach them.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxUnauthenticatedSendsPerNumber { get; set; } = 5;

    /// <summary>
    /// Of <see cref="MaxSendsPerPrefix"/>, how many requests without an API key may use on one prefix within
    /// <see cref="PrefixWindowSeconds"/>. Default 20; 0 disables.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxUnauthenticatedSendsPerPrefix { get; set; } = 20;

    /// <summary>The per-address window in seconds. Default 3600.</summary>
    [Range(60, 86400)]
    public int AddressWindowSeconds { get; set; } = 3600;

    /// <summary>ISO 3166 regions (<c>US,CA</c>) that requests without an API key may send to; empty, the default, allows every country.</summary>
    [MaxLength(1000)]
    [RegularExpression("^$|^[A-Za-z]{2}( *, *[A-Za-z]{2})*$")]
    public string UnauthenticatedCountries { get; set; } = string.Empty;

    /// <summary>The channels requests without an API key may use: <c>sms</c>, <c>call</c> or both. Default <c>sms,call</c>; empty refuses both.</summary>
    [RegularExpression("^$|^ *(sms|call)( *, *(sms|call))* *$")]
    public string UnauthenticatedChannels { get; set; } = "sms,call";
}
