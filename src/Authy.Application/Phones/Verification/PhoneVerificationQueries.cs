using System.Linq.Expressions;
using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Phones.Verification;

internal static class PhoneVerificationQueries
{
    /// <summary>
    /// What makes a verification live: pending, unexpired, with attempts left. One rule for the queries, the conditional
    /// updates and the status read, so they cannot drift apart.
    /// </summary>
    public static Expression<Func<PhoneVerification, bool>> IsLive(int maxChecks, DateTimeOffset now) =>
        v => v.Status == PhoneVerificationStatus.Pending && v.ExpiresAt > now && v.FailedChecks < maxChecks;

    /// <summary>The application's live verification of a number. The newest wins.</summary>
    public static Task<PhoneVerification?> FindLiveAsync(
        this IAuthyDb db, int appId, NormalizedPhone phone, int maxChecks, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PhoneVerifications
            .Where(v => v.AppId == appId && v.CountryCode == phone.CountryCode && v.PhoneNumber == phone.NationalNumber)
            .Where(IsLive(maxChecks, now))
            .OrderByDescending(v => v.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
