using System.ComponentModel.DataAnnotations;
using Authy.Application.Messaging;

namespace Authy.Infrastructure.Outbox;

/// <summary>The outbox dispatcher (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Outbox";

    /// <summary>How often an idle dispatcher looks for due messages, in milliseconds. Default 1000. New messages wake it at once.</summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How many messages of each channel one node sends at a time (<c>Outbox:MaxInFlight:Sms</c> …). A provider that
    /// answers in 200 ms carries 5 messages a second per request in flight, so 64 SMS in flight carry about 300 a second.
    /// </summary>
    public OutboxInFlightLimits MaxInFlight { get; set; } = new();

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not look inside nested objects by themselves.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(MaxInFlight, new ValidationContext(MaxInFlight), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{nameof(MaxInFlight)}: {r.ErrorMessage}", [.. r.MemberNames.Select(m => $"{nameof(MaxInFlight)}:{m}")]));
    }
}

/// <summary>Requests in flight per channel (section <c>Outbox:MaxInFlight</c>); each channel has its own providers.</summary>
public sealed class OutboxInFlightLimits
{
    [Range(1, 1000)]
    public int Sms { get; set; } = 64;

    [Range(1, 1000)]
    public int Voice { get; set; } = 32;

    [Range(1, 1000)]
    public int Email { get; set; } = 32;

    [Range(1, 1000)]
    public int Callback { get; set; } = 32;

    [Range(1, 1000)]
    public int Webhook { get; set; } = 32;

    /// <summary>The limit of <paramref name="channel"/>.</summary>
    public int For(OutboxChannel channel) => channel switch
    {
        OutboxChannel.Sms => Sms,
        OutboxChannel.Voice => Voice,
        OutboxChannel.Email => Email,
        OutboxChannel.Callback => Callback,
        OutboxChannel.Webhook => Webhook,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}
