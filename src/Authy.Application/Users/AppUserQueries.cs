using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Users;

internal static class AppUserQueries
{
    /// <summary>The application's member with this authy_id, tracked, with its user; null when absent.</summary>
    public static Task<AppUser?> FindMemberAsync(this IAuthyDb db, int appId, long authyId, CancellationToken cancellationToken) =>
        db.AppUsers
            .Include(m => m.User)
            .FirstOrDefaultAsync(m => m.AppId == appId && m.UserId == authyId, cancellationToken);
}
