using System.Text;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outbound;
using Authy.Application.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Webhooks;

/// <summary>The parameters of a webhook creation, as sent; an event that was not a plain string arrives as null.</summary>
public sealed record CreateWebhookCommand(string? Url, string? Name, IReadOnlyList<string?>? Events);

/// <summary>
/// POST webhooks: validates the callback URL (absolute http or https, and a public address unless
/// <see cref="OutboundOptions.AllowPrivateNetworks"/>; see <see cref="OutboundUrls"/>), the name and the event names
/// (each one of Authy's 23), and stores the webhook with a fresh signing key. Field problems are returned
/// together, one per field, as users/new does.
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
        var fields = new List<FieldProblem>();
        var url = command.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            fields.Add(new(nameof(command.Url), ValueProblem.Missing));
        }
        else if (OutboundUrls.Refusal(url, outbound.Value.AllowPrivateNetworks) is { } refusal)
        {
            fields.Add(new(nameof(command.Url), ValueProblem.Invalid) { Detail = refusal });
        }

        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            fields.Add(new(nameof(command.Name), ValueProblem.Missing));
        }
        else if (name.Length > MaxNameLength)
        {
            fields.Add(new(nameof(command.Name), ValueProblem.TooLong) { Limit = MaxNameLength });
        }

        var events = command.Events ?? [];
        var unknown = events.Where(e => e is null || !WebhookEventNames.IsKnown(e)).Select(e => e ?? "(not a name)").ToList();
        if (events.Count == 0)
        {
            fields.Add(new(nameof(command.Events), ValueProblem.Missing));
        }
        else if (unknown.Count > 0)
        {
            fields.Add(new(nameof(command.Events), ValueProblem.Unknown) { Detail = Shorten(string.Join(", ", unknown)) });
        }

        if (fields.Count > 0)
        {
            return Failures.InvalidWebhook(fields);
        }

        var limit = options.Value.MaxWebhooksPerApplication;
        if (await db.Webhooks.CountAsync(w => w.AppId == app.Id, cancellationToken) >= limit)
        {
            return Failures.WebhookLimitReached(limit);
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
