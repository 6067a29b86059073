using System.ComponentModel.DataAnnotations;

namespace Authy.Infrastructure.Push;

/// <summary>Real-time events to devices (section <c>Push</c>).</summary>
public sealed class PushOptions
{
    public const string SectionName = "Push";

    /// <summary>
    /// How often a waiting device stream looks for new events even without a wake-up, in seconds. Default 5. Streams are
    /// woken at once by this node's publishes and by PostgreSQL NOTIFY from other nodes; this bounds the delay when a
    /// notification is lost (the listener's connection dropped).
    /// </summary>
    [Range(1, 3600)]
    public int FallbackPollSeconds { get; set; } = 5;

    /// <summary>
    /// What a stream that connects without a last event id (a fresh start, not a reconnect) gets first: the events of
    /// the last this many seconds. Default 300. 0: only events published after it connected.
    /// </summary>
    [Range(0, 86_400)]
    public int RecentEventsSeconds { get; set; } = 300;

    /// <summary>
    /// How long events are kept for reconnecting streams, in hours. Default 24. Older events are deleted by the
    /// clean-up (<c>Retention:IntervalMinutes</c>).
    /// </summary>
    [Range(1, 720)]
    public int RetentionHours { get; set; } = 24;
}
