using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Messaging;

/// <summary>
/// Server-wide limits against SMS pumping (section <c>Fraud</c>): fraudsters send codes to ranges of premium numbers
/// they share revenue on, so sends to one number prefix are capped whatever the application or user.
/// </summary>
public sealed class SendGuardOptions
{
    public const string SectionName = "Fraud";

    /// <summary>How many leading digits of the E.164 number (country code included) make a prefix. Default 7 (<c>+1201555</c>).</summary>
    [Range(3, 12)]
    public int PrefixDigits { get; set; } = 7;

    /// <summary>SMS and calls to one prefix within <see cref="PrefixWindowSeconds"/>, across applications. Default 100; 0 disables.</summary>
    [Range(0, 1_000_000)]
    public int MaxSendsPerPrefix { get; set; } = 100;

    /// <summary>The prefix window in seconds. Default 3600.</summary>
    [Range(60, 86400)]
    public int PrefixWindowSeconds { get; set; } = 3600;
}
