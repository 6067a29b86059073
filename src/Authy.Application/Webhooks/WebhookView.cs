using System.Text;
using Authy.Application.Abstractions;

namespace Authy.Application.Webhooks;

/// <summary>A webhook as the API shows it, signing key in clear.</summary>
public sealed record WebhookView(
    string Id,
    string Name,
    string AccountSid,
    string ServiceId,
    string Url,
    string SigningKey,
    IReadOnlyList<string> Events,
    DateTimeOffset CreatedAt)
{
    internal static WebhookView From(Webhook webhook, ISecretProtector protector) =>
        new(
            Webhook.WireId(webhook.Id),
            webhook.Name,
            AccountSids.Account(webhook.AppId),
            AccountSids.Service(webhook.AppId),
            webhook.Url,
            Encoding.UTF8.GetString(protector.Unprotect(webhook.EncryptedSigningKey, SecretPurposes.WebhookSigningKey)),
            Webhook.SplitEvents(webhook.Events),
            webhook.CreatedAt);
}
