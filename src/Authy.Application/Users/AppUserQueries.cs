using Authy.Application.Abstractions;
using Authy.Application.Errors;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Users;

internal static class AppUserQueries
{
    /// <summary>The application's member with this authy_id, tracked, with its user; null when absent.</summary>
    public static Task<AppUser?> FindMemberAsync(this IAuthyDb db, int appId, long authyId, CancellationToken cancellationToken) =>
        db.AppUsers
            .Include(m => m.User)
            .FirstOrDefaultAsync(m => m.AppId == appId && m.UserId == authyId, cancellationToken);

    /// <summary>
    /// The member a request acts on (tracked, with its user), or the answer when it cannot: 404 60026 when the application
    /// has no such user, 403 60107 while the application has banned them.
    /// </summary>
    public static async Task<Outcome<AppUser>> FindActiveMemberAsync(this IAuthyDb db, int appId, long authyId, CancellationToken cancellationToken)
    {
        var member = await db.FindMemberAsync(appId, authyId, cancellationToken);
        if (member is null)
        {
            return AuthyErrors.UserNotFound;
        }

        if (member.Status == AppUserStatus.Banned)
        {
            return AuthyErrors.UserBlocked;
        }

        return member;
    }
}
