using System.Text;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.OneTouch;

/// <summary>
/// Sends a queued callback, signed with the application's API key as it is now, the way webhook events are signed
/// (<see cref="Webhooks.DeliverWebhookEvent"/>). No key waits in the outbox, and a callback still queued when the key is
/// rotated is signed with the new one, which is the one the application verifies with. A callback of an application
/// deleted meanwhile is dropped.
/// </summary>
public sealed class DeliverCallback(IAuthyDb db, ISecretProtector protector, ICallbackSender sender)
{
    public const string DroppedProvider = "callback-dropped";

    public async Task<DeliveryReceipt> ExecuteAsync(CallbackMessage message, CancellationToken cancellationToken)
    {
        if (message.QueuedSigningKey is { } queuedKey)
        {
            return await sender.SendAsync(new SignedCallback(message.Url, message.Method, message.Body, queuedKey), cancellationToken);
        }

        var encryptedKey = await db.Apps.AsNoTracking()
            .Where(a => a.Id == message.AppId)
            .Select(a => a.EncryptedApiKey)
            .FirstOrDefaultAsync(cancellationToken);
        if (encryptedKey is null)
        {
            return new DeliveryReceipt(DroppedProvider, "the application was deleted or has no API key");
        }

        var key = Encoding.UTF8.GetString(protector.Unprotect(encryptedKey, SecretPurposes.ApiKey));
        return await sender.SendAsync(new SignedCallback(message.Url, message.Method, message.Body, key), cancellationToken);
    }
}
