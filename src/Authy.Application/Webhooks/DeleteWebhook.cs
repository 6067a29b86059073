using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Webhooks;

/// <summary>
/// DELETE webhooks/{id}: removes one of the calling application's webhooks. A malformed id, an unknown one and another
/// application's all answer the same not-found failure, so ids cannot be probed across applications. Events already queued for the
/// webhook are dropped when their turn comes (<see cref="DeliverWebhookEvent"/>).
/// </summary>
public sealed class DeleteWebhook(IAuthyDb db, WebhookSubscriptions subscriptions)
{
    public async Task<Outcome<bool>> ExecuteAsync(AuthenticatedApp app, string? webhookId, CancellationToken cancellationToken)
    {
        if (!Webhook.TryParseWireId(webhookId, out var id))
        {
            return Failures.WebhookNotFound;
        }

        var deleted = await db.Webhooks.Where(w => w.Id == id && w.AppId == app.Id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Failures.WebhookNotFound;
        }

        subscriptions.Invalidate(app.Id);
        return true;
    }
}
