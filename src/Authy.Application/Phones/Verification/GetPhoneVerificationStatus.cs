using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Phones.Verification;

/// <summary>phones/verification/status: a <c>uuid</c> as sent, or else the number (parsed by the surface).</summary>
public sealed record GetPhoneVerificationStatusQuery(string? Uuid, NormalizedPhone? Phone);

/// <summary><c>pending</c>, <c>verified</c> or <c>expired</c>, and the seconds a pending code has left.</summary>
public sealed record PhoneVerificationState(string Status, int SecondsToExpire);

/// <summary>
/// phones/verification/status (node-authy): the newest verification of a number, or the one a uuid names. A spent
/// verification (no attempts left) reads <c>expired</c>: clients know only Authy's three states, and to them it is
/// just as over.
/// </summary>
public sealed class GetPhoneVerificationStatus(IAuthyDb db, TimeProvider time)
{
    public async Task<Outcome<PhoneVerificationState>> ExecuteAsync(AuthenticatedApp app, GetPhoneVerificationStatusQuery query, CancellationToken cancellationToken)
    {
        PhoneVerification? verification;
        string notFoundName;
        if (!string.IsNullOrWhiteSpace(query.Uuid))
        {
            notFoundName = query.Uuid.Trim();
            verification = Guid.TryParse(notFoundName, out var id)
                ? await db.PhoneVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.AppId == app.Id, cancellationToken)
                : null;
        }
        else
        {
            var phone = query.Phone ?? throw new ArgumentException("A status query names a uuid or a number.", nameof(query));
            notFoundName = PhoneNumberParser.FormatInternational(phone);
            verification = await db.PhoneVerifications.AsNoTracking()
                .Where(v => v.AppId == app.Id && v.CountryCode == phone.CountryCode && v.PhoneNumber == phone.NationalNumber)
                .OrderByDescending(v => v.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (verification is null)
        {
            return Failures.PhoneVerificationNotFound(notFoundName);
        }

        var now = time.GetUtcNow();
        if (verification.Status == PhoneVerificationStatus.Verified)
        {
            return new PhoneVerificationState("verified", 0);
        }

        var pending = PhoneVerificationQueries.IsLive(app.Settings.MaxPhoneVerificationChecks, now).Compile()(verification);
        return pending
            ? new PhoneVerificationState("pending", PhoneVerificationCodes.SecondsLeft(verification, now))
            : new PhoneVerificationState("expired", 0);
    }
}
