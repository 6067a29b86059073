using System.ComponentModel.DataAnnotations;

namespace Authy.Infrastructure.Usage;

/// <summary>The <c>Usage</c> section: how often each node writes its app/stats counts.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>
    /// Seconds between writes of the in-memory counts. Default 5: a node that crashes loses at most that much of its
    /// statistics, and each write is one upsert per application and month, whatever the request rate.
    /// </summary>
    [Range(1, 3600)]
    public int FlushIntervalSeconds { get; set; } = 5;
}
