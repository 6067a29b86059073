using System.Text.Json;
using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Messaging;

/// <summary>
/// A recorded message as the Development-only <c>/dev/messages</c> page shows it. <see cref="DeliveryStatus"/> is what
/// the provider reported after accepting it (queued, sent, delivered, undelivered, failed), null until it reports.
/// </summary>
public sealed record RecordedMessage(
    Guid Id,
    string Channel,
    string To,
    string Text,
    string Status,
    string? Provider,
    int Attempts,
    DateTimeOffset CreatedAt,
    string? DeliveryStatus,
    DateTimeOffset? DeliveryStatusAt,
    string? ProviderErrorCode);

/// <summary>
/// Reads the outbox newest first, with the full text (and so the code). Only the Development host maps this,
/// so someone trying the server without a phone can read the code.
/// </summary>
public sealed class ListRecentMessages(IAuthyDb db, ISecretProtector protector)
{
    public async Task<IReadOnlyList<RecordedMessage>> ExecuteAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(cancellationToken);
        return rows.Select(ToRecorded).ToList();
    }

    private RecordedMessage ToRecorded(OutboxMessage row)
    {
        var json = protector.Unprotect(row.Payload, SecretPurposes.OutboxPayload);
        var text = row.Channel switch
        {
            OutboxChannel.Sms => OutboxPayloads.Deserialize<SmsMessage>(json).Text,
            OutboxChannel.Voice => OutboxPayloads.Deserialize<VoiceMessage>(json).Text,
            OutboxChannel.Email => OutboxPayloads.Deserialize<EmailMessage>(json) is var e ? e.Subject + "\n\n" + e.TextBody : string.Empty,
            OutboxChannel.Callback => OutboxPayloads.Deserialize<CallbackMessage>(json).Body,
            OutboxChannel.Webhook => OutboxPayloads.Deserialize<Webhooks.WebhookEventMessage>(json).Claims,
            _ => throw new JsonException("Unknown outbox channel."),
        };
        return new RecordedMessage(
            row.Id,
            row.Channel.ToString().ToLowerInvariant(),
            row.MaskedDestination,
            text,
            row.Status.ToString().ToLowerInvariant(),
            row.Provider,
            row.Attempts,
            row.CreatedAt,
            row.DeliveryStatus?.ToString().ToLowerInvariant(),
            row.DeliveryStatusAt,
            row.ProviderErrorCode);
    }
}
