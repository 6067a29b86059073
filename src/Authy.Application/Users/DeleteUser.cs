using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Authy.Application.Tokens;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Users;

/// <summary>
/// The three delete paths: removes the calling application's membership and its secret at once. The person
/// (and their authy_id) stays, so another application's membership is untouched and registering the same phone
/// again answers the same id, with a fresh secret.
/// </summary>
public sealed class DeleteUser(IAuthyDb db, WebhookEvents webhooks, IMemberChanges memberChanges)
{
    public async Task<Outcome<bool>> ExecuteAsync(AuthenticatedApp app, long authyId, CancellationToken cancellationToken)
    {
        var deleted = await db.AppUsers
            .Where(m => m.AppId == app.Id && m.UserId == authyId)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Failures.UserNotFound;
        }

        await webhooks.RaiseAsync(app.Id, WebhookEventNames.UserRemoved, authyId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await memberChanges.PublishAsync(app.Id, authyId, cancellationToken); // verify's caches hold the member
        return true;
    }
}
