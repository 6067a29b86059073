using System.Text;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Errors;
using Authy.Application.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Webhooks;

/// <summary>The parameters of a webhook creation, as sent; an event that was not a plain string arrives as null.</summary>
public sealed record CreateWebhookCommand(string? Url, string? Name, IReadOnlyList<string?>? Events);

/// <summary>
/// POST webhooks: validates the callback URL (absolute http or https, and a public address unless
/// <see cref="OutboundOptions.AllowPrivateNetworks"/>; see <see cref="OutboundUrls"/>), the name and the event names
/// (each one of Authy's 23), and stores the webhook with a fresh signing key. Field problems answer 400 60098 with
/// Rails-style messages per field, as users/new does.
/// </summary>
public sealed class CreateWebhook(
    IAuthyDb db,
    ISecretProtector protector,
    WebhookSubscriptions subscriptions,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    IOptions<OutboundOptions> outbound)
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = OutboundUrls.MaxLength;

    public async Task<Outcome<WebhookView>> ExecuteAsync(AuthenticatedApp app, CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var url = command.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            fields.Add(new("url", "can't be blank"));
        }
        else if (OutboundUrls.Refusal(url, outbound.Value.AllowPrivateNetworks) is { } refusal)
        {
            fields.Add(new("url", refusal));
        }

        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            fields.Add(new("name", "can't be blank"));
        }
        else if (name.Length > MaxNameLength)
        {
            fields.Add(new("name", $"is too long (maximum is {MaxNameLength} characters)"));
        }

        var events = command.Events ?? [];
        var unknown = events.Where(e => e is null || !WebhookEventNames.IsKnown(e)).Select(e => e ?? "(not a name)").ToList();
        if (events.Count == 0)
        {
            fields.Add(new("events", "can't be blank"));
        }
        else if (unknown.Count > 0)
        {
            fields.Add(new("events", "has unknown events: " + Shorten(string.Join(", ", unknown))));
        }

        if (fields.Count > 0)
        {
            return AuthyErrors.WebhookNotValid(fields);
        }

        var limit = options.Value.MaxWebhooksPerApplication;
        if (await db.Webhooks.CountAsync(w => w.AppId == app.Id, cancellationToken) >= limit)
        {
            return AuthyErrors.WebhookLimitReached(limit);
        }

        var now = time.GetUtcNow();
        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(now),
            AppId = app.Id,
            Name = name!,
            Url = url!,
            Events = string.Join(',', events.Distinct(StringComparer.Ordinal)),
            EncryptedSigningKey = protector.Protect(Encoding.UTF8.GetBytes(ApiKeys.Generate()), SecretPurposes.WebhookSigningKey),
            CreatedAt = now,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        subscriptions.Invalidate(app.Id);
        return WebhookView.From(webhook, protector);
    }

    // The names are echoed back; a flood of them should not make a huge error body.
    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
