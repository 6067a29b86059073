using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Webhooks;

/// <summary>GET webhooks: the calling application's webhooks (never another's), oldest first, signing keys included.</summary>
public sealed class ListWebhooks(IAuthyDb db, ISecretProtector protector)
{
    public async Task<IReadOnlyList<WebhookView>> ExecuteAsync(AuthenticatedApp app, CancellationToken cancellationToken)
    {
        var webhooks = await db.Webhooks.AsNoTracking()
            .Where(w => w.AppId == app.Id)
            .OrderBy(w => w.CreatedAt)
            .ThenBy(w => w.Id)
            .ToListAsync(cancellationToken);
        return webhooks.ConvertAll(w => WebhookView.From(w, protector));
    }
}
