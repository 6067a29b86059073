using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Apps;

/// <summary>Server-wide application settings (section <c>Apps</c>).</summary>
public sealed class AppOptions
{
    public const string SectionName = "Apps";

    /// <summary>
    /// How long a node keeps an API key's application (its id, name and settings) in memory, in seconds. Default 5.
    /// A key rotated or settings changed by another node or by the CLI take effect here within this time; 0 reads
    /// the application for every request (ADR 0017).
    /// </summary>
    [Range(0, 60)]
    public int KeyCacheSeconds { get; set; } = 5;
}
