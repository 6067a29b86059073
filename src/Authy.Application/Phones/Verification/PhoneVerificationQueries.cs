using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Phones.Verification;

internal static class PhoneVerificationQueries
{
    /// <summary>The application's live verification of a number: pending, unexpired, with attempts left. The newest wins.</summary>
    public static Task<PhoneVerification?> FindLiveAsync(
        this IAuthyDb db, int appId, NormalizedPhone phone, int maxChecks, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PhoneVerifications
            .Where(v => v.AppId == appId && v.CountryCode == phone.CountryCode && v.PhoneNumber == phone.NationalNumber
                && v.Status == PhoneVerificationStatus.Pending && v.ExpiresAt > now && v.FailedChecks < maxChecks)
            .OrderByDescending(v => v.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
