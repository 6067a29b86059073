using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Errors;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Phones.Verification;

/// <summary>The parameters of phones/verification/check, as sent.</summary>
public sealed record CheckPhoneVerificationCommand(string? CountryCode, string? PhoneNumber, string? VerificationCode);

/// <summary>The verification the right code completed.</summary>
public sealed record PhoneVerificationChecked(Guid Uuid);

/// <summary>
/// phones/verification/check: accepts the right code once. Every wrong code spends one attempt of the verification's
/// budget; the last one spends the verification, after which even the right code finds nothing pending. Both changes
/// are conditional updates, so concurrent checks on any node can neither reuse a code nor exceed the budget.
/// </summary>
public sealed class CheckPhoneVerification(IAuthyDb db, ISecretProtector protector, TimeProvider time)
{
    public async Task<Outcome<PhoneVerificationChecked>> ExecuteAsync(AuthenticatedApp app, CheckPhoneVerificationCommand command, CancellationToken cancellationToken)
    {
        var parsed = PhoneParameters.Parse(command.CountryCode, command.PhoneNumber);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!;
        }

        var phone = parsed.Value;
        var code = command.VerificationCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return AuthyErrors.MissingParameter("verification_code");
        }

        var now = time.GetUtcNow();
        var maxChecks = app.Settings.MaxPhoneVerificationChecks;
        var notFound = AuthyErrors.PhoneVerificationNotFound(PhoneNumberParser.FormatInternational(phone));
        var verification = await db.FindLiveAsync(app.Id, phone, maxChecks, now, cancellationToken);
        if (verification is null)
        {
            return notFound;
        }

        var live = db.PhoneVerifications.Where(v => v.Id == verification.Id
            && v.Status == PhoneVerificationStatus.Pending && v.ExpiresAt > now && v.FailedChecks < maxChecks);
        if (PhoneVerificationCodes.IsWellFormed(code) && PhoneVerificationCodes.Matches(protector, verification, code))
        {
            var accepted = await live.ExecuteUpdateAsync(
                s => s.SetProperty(v => v.Status, PhoneVerificationStatus.Verified).SetProperty(v => v.VerifiedAt, now),
                cancellationToken);
            return accepted == 1 ? new PhoneVerificationChecked(verification.Id) : notFound;
        }

        // The last allowed wrong code spends the verification in the same statement that counts it.
        var counted = await live.ExecuteUpdateAsync(
            s => s.SetProperty(v => v.FailedChecks, v => v.FailedChecks + 1)
                .SetProperty(v => v.Status, v => v.FailedChecks + 1 >= maxChecks ? PhoneVerificationStatus.Failed : PhoneVerificationStatus.Pending),
            cancellationToken);
        return counted == 1 ? AuthyErrors.PhoneVerificationIncorrect : notFound;
    }
}
