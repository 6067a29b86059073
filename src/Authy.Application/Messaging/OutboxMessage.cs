namespace Authy.Application.Messaging;

/// <summary>
/// One outgoing message (SMS, call, e-mail). Written in the same transaction as the change that caused it,
/// then delivered at least once by the dispatcher, which claims rows with a lease so any number of nodes can run it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public OutboxChannel Channel { get; set; }

    public int? AppId { get; set; }

    public long? UserId { get; set; }

    /// <summary>The destination as it may be shown and logged (<c>+1-XXX-XXX-XX12</c>, <c>a***@example.com</c>).</summary>
    public required string MaskedDestination { get; set; }

    /// <summary>The channel's message record as JSON, encrypted at rest: it carries a code and a full phone number.</summary>
    public required byte[] Payload { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LeaseOwner { get; set; }

    public string? Provider { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The correlation id of the request that wrote the message (see <c>Correlation</c>); its delivery logs carry it.</summary>
    public string? CorrelationId { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// What the provider last reported about the message after accepting it (Twilio status callbacks); null until it
    /// reports. <see cref="Status"/> says only that the provider took the message.
    /// </summary>
    public DeliveryStatus? DeliveryStatus { get; set; }

    /// <summary>When <see cref="DeliveryStatus"/> was recorded (server time).</summary>
    public DateTimeOffset? DeliveryStatusAt { get; set; }

    /// <summary>The provider's own error code for a failed or undelivered message (Twilio's <c>ErrorCode</c>, e.g. 30003).</summary>
    public string? ProviderErrorCode { get; set; }
}

public enum OutboxChannel
{
    Sms = 0,
    Voice = 1,
    Email = 2,
    Callback = 3,

    /// <summary>A webhook event (<c>Webhooks/</c>): signed with the webhook's key only when it is sent.</summary>
    Webhook = 4,
}

/// <summary>
/// A message's fate after the provider accepted it, in the order it can advance: a report never moves a message back
/// (callbacks can arrive out of order). The last three are final.
/// </summary>
public enum DeliveryStatus
{
    /// <summary>The provider holds it and has not yet handed it on (a call not yet answered or ringing).</summary>
    Queued = 0,

    /// <summary>Handed to the carrier (SMS), or ringing or in progress (calls).</summary>
    Sent = 1,

    /// <summary>The handset confirmed the SMS; the callee heard the code (calls).</summary>
    Delivered = 2,

    /// <summary>The carrier could not deliver it; a call that was busy, unanswered, cancelled or ended before the code.</summary>
    Undelivered = 3,

    /// <summary>The provider could not send it at all.</summary>
    Failed = 4,
}

public enum OutboxStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}
