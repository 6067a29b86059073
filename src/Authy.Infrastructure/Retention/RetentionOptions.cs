using System.ComponentModel.DataAnnotations;

namespace Authy.Infrastructure.Retention;

/// <summary>The <c>Retention</c> section: how long finished rows are kept before the clean-up deletes them.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Whether this node runs the clean-up. Default true; deleting is idempotent, so every node may run it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between clean-up rounds. Default 60. A round also runs at start.</summary>
    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Days a delivered or failed outbox message is kept (for /dev/messages, delivery reports and investigations).
    /// Default 7. Pending messages are never deleted.
    /// </summary>
    [Range(1, 3650)]
    public int OutboxDays { get; set; } = 7;

    /// <summary>Days a phone verification or device registration is kept after it expired. Default 1.</summary>
    [Range(1, 3650)]
    public int ExpiredDays { get; set; } = 1;
}
