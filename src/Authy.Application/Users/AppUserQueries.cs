using Authy.Application.Abstractions;
using Authy.Application.Outcomes;
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
    /// <see cref="FindMemberAsync"/> and the user's devices (newest first) in one query; null when there is no such member.
    /// </summary>
    public static async Task<(AppUser Member, List<MemberDevice> Devices)?> FindMemberWithDevicesAsync(this IAuthyDb db, int appId, long authyId, CancellationToken cancellationToken)
    {
        var found = await db.AppUsers
            .Where(m => m.AppId == appId && m.UserId == authyId)
            .Select(m => new
            {
                Member = m,
                m.User,
                Devices = db.Devices.Where(d => d.UserId == m.UserId).OrderByDescending(d => d.Id).Select(d => new MemberDevice(d.Id, d.OsType)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Member, found.Devices);
    }

    /// <summary>
    /// The member a request acts on (tracked, with its user), or why it cannot: not found when the application has no such
    /// user, blocked while the application has banned them.
    /// </summary>
    public static async Task<Outcome<AppUser>> FindActiveMemberAsync(this IAuthyDb db, int appId, long authyId, CancellationToken cancellationToken)
    {
        var member = await db.FindMemberAsync(appId, authyId, cancellationToken);
        return Active(member);
    }

    /// <summary><paramref name="member"/> when a request may act on it: not found when absent, blocked while banned.</summary>
    public static Outcome<AppUser> Active(AppUser? member)
    {
        if (member is null)
        {
            return Failures.UserNotFound;
        }

        if (member.Status == AppUserStatus.Banned)
        {
            return Failures.UserBlocked;
        }

        return member;
    }
}

/// <summary>A device of a member's user: its id and <c>os_type</c>.</summary>
internal sealed record MemberDevice(long Id, string OsType);
