using System.ComponentModel.DataAnnotations;

namespace Authy.Infrastructure.Outbox;

/// <summary>The outbox dispatcher (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often an idle dispatcher looks for due messages, in milliseconds. Default 1000. New messages wake it at once.</summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Messages claimed per round. Default 20.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim lasts, in seconds; a node that dies mid-send loses its claim after this. Default 60.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts before a message is marked failed. Default 8: seven retries, 2 + 4 + … + 128 s, about 4 minutes of backoff.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one provider call may take, in seconds. Default 30.</summary>
    [Range(1, 300)]
    public int SendTimeoutSeconds { get; set; } = 30;

    /// <summary>How often the outbox depth and age gauges of <c>/metrics</c> are sampled, in seconds. Default 15.</summary>
    [Range(1, 3600)]
    public int MetricsSampleSeconds { get; set; } = 15;

    /// <summary>Whether this node runs the dispatcher. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
