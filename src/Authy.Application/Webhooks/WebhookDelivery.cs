using System.Text;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Webhooks;

/// <summary>
/// A queued webhook event: which webhook, the delivery's id (the JWT's <c>jti</c>, the same on every retry so a
/// receiver can drop duplicates) and the claims without <c>iat</c>/<c>jti</c>. No key: the JWT is signed at send time.
/// </summary>
public sealed record WebhookEventMessage(Guid WebhookId, Guid DeliveryId, string Claims);

/// <summary>What goes on the wire: a POST of <c>{"body":"&lt;JWT&gt;"}</c> to <see cref="Url"/>.</summary>
public sealed record WebhookPost(string Url, string Jwt);

/// <summary>Posts webhook events; throws on a network error, a timeout or a non-2xx answer, so the outbox retries.</summary>
public interface IWebhookSender
{
    Task<DeliveryReceipt> SendAsync(WebhookPost post, CancellationToken cancellationToken);
}

/// <summary>
/// The outbox's webhook channel: reads the webhook as it is now, signs the event with its key and posts it. A webhook
/// deleted since the event was queued gets nothing: the message is closed with the <see cref="DroppedProvider"/> receipt.
/// </summary>
public sealed class DeliverWebhookEvent(IAuthyDb db, ISecretProtector protector, IWebhookSender sender, TimeProvider time)
{
    public const string DroppedProvider = "webhook-dropped";

    public async Task<DeliveryReceipt> ExecuteAsync(WebhookEventMessage message, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsNoTracking()
            .Where(w => w.Id == message.WebhookId)
            .Select(w => new { w.Url, w.EncryptedSigningKey })
            .FirstOrDefaultAsync(cancellationToken);
        if (webhook is null)
        {
            return new DeliveryReceipt(DroppedProvider, "the webhook was deleted");
        }

        var claims = JsonNode.Parse(message.Claims)!.AsObject();
        claims["iat"] = time.GetUtcNow().ToUnixTimeSeconds();
        claims["jti"] = message.DeliveryId.ToString("D");
        var key = Encoding.UTF8.GetString(protector.Unprotect(webhook.EncryptedSigningKey, SecretPurposes.WebhookSigningKey));
        return await sender.SendAsync(new WebhookPost(webhook.Url, Hs256Jwt.Encode(claims, key)), cancellationToken);
    }
}
