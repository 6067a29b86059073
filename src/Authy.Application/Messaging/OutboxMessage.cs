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

    public DateTimeOffset? CompletedAt { get; set; }
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

public enum OutboxStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}
