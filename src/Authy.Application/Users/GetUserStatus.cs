using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Users;

public sealed record DeviceSummary(long Id, string OsType, string? RegistrationMethod, DateTimeOffset CreatedAt, DateTimeOffset? LastSyncedAt);

public sealed record UserStatus(
    long AuthyId,
    int CountryCode,
    string NationalNumber,
    string? Email,
    bool Registered,
    bool Confirmed,
    bool Banned,
    IReadOnlyList<DeviceSummary> Devices);

/// <summary>users/{id}/status for the calling application's member.</summary>
public sealed class GetUserStatus(IAuthyDb db)
{
    public async Task<Outcome<UserStatus>> ExecuteAsync(AuthenticatedApp app, long authyId, CancellationToken cancellationToken)
    {
        var member = await db.AppUsers.AsNoTracking()
            .Where(m => m.AppId == app.Id && m.UserId == authyId)
            .Select(m => new { m.UserId, m.User.CountryCode, m.User.PhoneNumber, m.Email, m.RegisteredAt, m.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return Failures.UserNotFound;
        }

        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.UserId == authyId)
            .OrderBy(d => d.Id)
            .Select(d => new DeviceSummary(d.Id, d.OsType, d.RegistrationMethod, d.CreatedAt, d.LastSyncedAt))
            .ToListAsync(cancellationToken);

        // Registered: the user has an authenticator or has verified a token once. Confirmed: the user has proven the phone,
        // which both of those require.
        var registered = devices.Count > 0 || member.RegisteredAt is not null;
        return new UserStatus(
            member.UserId, member.CountryCode, member.PhoneNumber, member.Email,
            registered, registered, member.Status == AppUserStatus.Banned, devices);
    }
}
