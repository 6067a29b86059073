using System.Globalization;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Authy.Application.OneTouch;
using Authy.Application.Phones;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Webhooks;

/// <summary>
/// Raises an event for an application: one outbox message per webhook of that application subscribed to it, added to
/// the caller's unit of work — the caller saves, so the event exists if and only if the change that caused it does.
/// With no subscriber (the usual case) it costs a dictionary lookup, no database round trip (see
/// <see cref="WebhookSubscriptions"/>). docs/webhooks.md describes the JWT claims built here.
/// </summary>
public sealed class WebhookEvents(
    IAuthyDb db,
    OutboxWriter outbox,
    WebhookSubscriptions subscriptions,
    EventRequestContext request,
    TimeProvider time)
{
    /// <summary>
    /// Queues <paramref name="eventName"/> (one of <see cref="WebhookEventNames"/>) for the subscribed webhooks of
    /// <paramref name="appId"/>. <paramref name="authyId"/> adds <c>objects.user</c>; <paramref name="objects"/> adds
    /// event-specific objects (<c>onetouch_request</c>, <c>device</c>…), each a flat object of <c>s_</c>/<c>i_</c>/<c>b_</c> fields.
    /// </summary>
    public async Task RaiseAsync(int appId, string eventName, long? authyId, JsonObject? objects, CancellationToken cancellationToken)
    {
        if (!WebhookEventNames.IsKnown(eventName))
        {
            throw new ArgumentException($"Unknown webhook event {eventName}.", nameof(eventName));
        }

        var subscribed = (await subscriptions.GetAsync(appId, LoadAsync, cancellationToken))
            .Where(s => s.Events.Contains(eventName))
            .ToList();
        if (subscribed.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var claims = new JsonObject
        {
            ["event"] = eventName,
            ["time"] = Rfc3339.Format(now),
            ["request"] = RequestObject(now),
            ["objects"] = await ObjectsAsync(appId, authyId, objects, cancellationToken),
        }.ToJsonString();
        foreach (var webhook in subscribed)
        {
            var message = new WebhookEventMessage(webhook.WebhookId, Guid.CreateVersion7(now), claims);
            outbox.Add(message, $"{Webhook.WireId(webhook.WebhookId)} {eventName}", appId, authyId);
        }

        async Task<IReadOnlyList<WebhookSubscription>> LoadAsync(CancellationToken token)
        {
            var rows = await db.Webhooks.AsNoTracking()
                .Where(w => w.AppId == appId)
                .Select(w => new { w.Id, w.Events })
                .ToListAsync(token);
            return rows.ConvertAll(w => new WebhookSubscription(w.Id, Webhook.SplitEvents(w.Events).ToHashSet(StringComparer.Ordinal)));
        }
    }

    private JsonObject RequestObject(DateTimeOffset now)
    {
        var requestObject = new JsonObject { ["id"] = "RQ" + Guid.CreateVersion7(now).ToString("N") };
        if (request.Ip is { } ip)
        {
            requestObject["ip"] = ip;
        }

        return requestObject;
    }

    private async Task<JsonObject> ObjectsAsync(int appId, long? authyId, JsonObject? extra, CancellationToken cancellationToken)
    {
        var result = new JsonObject
        {
            ["app"] = new JsonObject
            {
                ["s_id"] = OpaqueIds.App(appId),
                ["i_app_id"] = appId,
                ["s_account_sid"] = AccountSids.Account(appId),
                ["s_service_sid"] = AccountSids.Service(appId),
                ["s_type"] = "authy",
            },
        };
        if (authyId is { } id)
        {
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new { u.CountryCode, u.PhoneNumber })
                .FirstOrDefaultAsync(cancellationToken);
            var userObject = new JsonObject { ["s_authy_id"] = id.ToString(CultureInfo.InvariantCulture) };
            if (user is not null)
            {
                // Masked as in users/{id}/status: the receiver knows the number by authy_id; the JWT is signed, not
                // encrypted, and webhook bodies end up in logs and queues (docs/webhooks.md, ADR 0012).
                userObject["s_country_code"] = user.CountryCode.ToString(CultureInfo.InvariantCulture);
                userObject["s_phone_number"] = Masking.StatusPhoneNumber(user.PhoneNumber);
            }

            result["user"] = userObject;
        }

        foreach (var (name, value) in extra ?? [])
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }
}
