using System.Text.Json;
using Authy.Application.Abstractions;
using Authy.Application.Observability;

namespace Authy.Application.Messaging;

/// <summary>
/// Adds messages to the outbox in the caller's unit of work: they are saved, and later sent, only if the change
/// that caused them is saved too. Payloads are encrypted because they carry codes and full phone numbers.
/// </summary>
public sealed class OutboxWriter(IAuthyDb db, ISecretProtector protector, TimeProvider time)
{
    public OutboxMessage Add(SmsMessage message, string maskedDestination, int? appId, long? userId) =>
        Add(OutboxChannel.Sms, OutboxPayloads.Serialize(message), maskedDestination, appId, userId);

    public OutboxMessage Add(VoiceMessage message, string maskedDestination, int? appId, long? userId) =>
        Add(OutboxChannel.Voice, OutboxPayloads.Serialize(message), maskedDestination, appId, userId);

    public OutboxMessage Add(EmailMessage message, string maskedDestination, int? appId, long? userId) =>
        Add(OutboxChannel.Email, OutboxPayloads.Serialize(message), maskedDestination, appId, userId);

    public OutboxMessage Add(CallbackMessage message, int? appId, long? userId) =>
        Add(OutboxChannel.Callback, OutboxPayloads.Serialize(message), message.Method + " " + new Uri(message.Url).GetLeftPart(UriPartial.Path), appId, userId);

    public OutboxMessage Add(Webhooks.WebhookEventMessage message, string destination, int? appId, long? userId) =>
        Add(OutboxChannel.Webhook, OutboxPayloads.Serialize(message), destination, appId, userId);

    private OutboxMessage Add(OutboxChannel channel, byte[] json, string maskedDestination, int? appId, long? userId)
    {
        var now = time.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Channel = channel,
            AppId = appId,
            UserId = userId,
            MaskedDestination = maskedDestination,
            Payload = protector.Protect(json, SecretPurposes.OutboxPayload),
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            CorrelationId = Correlation.Current,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}

/// <summary>The JSON form of each channel's message inside an outbox row.</summary>
public static class OutboxPayloads
{
    public static byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message);

    public static T Deserialize<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json) ?? throw new JsonException("An outbox payload was empty.");
}
