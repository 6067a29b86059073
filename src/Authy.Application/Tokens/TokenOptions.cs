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

    /// <summary>
    /// How many members verify keeps in each node's memory to check a code before it touches the database (ADR 0021):
    /// a hit costs verify one statement instead of two. About 300 bytes per entry (30 MB at the default 100,000); least
    /// recently used members are evicted. 0 turns the cache off.
    /// </summary>
    [Range(0, 10_000_000)]
    public int VerifyCacheEntries { get; set; } = 100_000;
}
