using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Tokens;

/// <summary>Server-wide code settings (section <c>Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>
    /// The "Authy period": the TOTP step, in seconds, of app, SMS, voice and e-mail codes. Default 30.
    /// It changes no client, but changing it invalidates codes in flight.
    /// </summary>
    [Range(10, 300)]
    public int PeriodSeconds { get; set; } = 30;
}
