using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Outcomes;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Phones.Verification;

/// <summary>phones/verification/check: the number, parsed by the surface, and the code as sent.</summary>
public sealed record CheckPhoneVerificationCommand(NormalizedPhone Phone, string? VerificationCode);

/// <summary>The verification the right code completed.</summary>
public sealed record PhoneVerificationChecked(Guid Uuid);

/// <summary>
/// phones/verification/check: accepts the right code once. Every wrong code spends one attempt of the verification's
/// budget; the last one spends the verification, after which even the right code finds nothing pending. Both changes
/// are conditional updates, so concurrent checks on any node can neither reuse a code nor exceed the budget.
/// </summary>
public sealed class CheckPhoneVerification(IAuthyDb db, ISecretProtector protector, WebhookEvents webhooks, TimeProvider time)
{
    public async Task<Outcome<PhoneVerificationChecked>> ExecuteAsync(AuthenticatedApp app, CheckPhoneVerificationCommand command, CancellationToken cancellationToken)
    {
        var phone = command.Phone;
        var code = command.VerificationCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return Failures.Missing("VerificationCode");
        }

        var now = time.GetUtcNow();
        var maxChecks = app.Settings.MaxPhoneVerificationChecks;
        var notFound = Failures.PhoneVerificationNotFound(PhoneNumberParser.FormatInternational(phone));
        var verification = await db.FindLiveAsync(app.Id, phone, maxChecks, now, cancellationToken);
        if (verification is null)
        {
            await RaiseAndSaveAsync(app.Id, WebhookEventNames.PhoneVerificationNotFound, PhoneVerificationEvents.Objects(phone), cancellationToken);
            return notFound;
        }

        var objects = PhoneVerificationEvents.Objects(phone, verification.Id, verification.Via);
        if (PhoneVerificationCodes.IsWellFormed(code) && PhoneVerificationCodes.Matches(protector, verification, code))
        {
            var accepted = await Live(verification.Id, maxChecks, now).ExecuteUpdateAsync(
                s => s.SetProperty(v => v.Status, PhoneVerificationStatus.Verified).SetProperty(v => v.VerifiedAt, now),
                cancellationToken);
            if (accepted == 0)
            {
                await RaiseAndSaveAsync(app.Id, WebhookEventNames.PhoneVerificationNotFound, objects, cancellationToken);
                return notFound;
            }

            await RaiseAndSaveAsync(app.Id, WebhookEventNames.PhoneVerificationCodeIsValid, objects, cancellationToken);
            return new PhoneVerificationChecked(verification.Id);
        }

        var wrong = await OneTimeCodes.CountWrongAsync(
            Live(verification.Id, maxChecks, now),
            v => v.FailedChecks,
            verification.FailedChecks,
            maxChecks,
            spent => spent.SetProperty(v => v.Status, PhoneVerificationStatus.Failed),
            cancellationToken);
        switch (wrong)
        {
            case WrongCode.Counted:
                await RaiseAndSaveAsync(app.Id, WebhookEventNames.PhoneVerificationCodeIsInvalid, objects, cancellationToken);
                return Failures.PhoneVerificationCodeIncorrect;
            case WrongCode.SpentTheBudget:
                await webhooks.RaiseAsync(app.Id, WebhookEventNames.PhoneVerificationCodeIsInvalid, null, objects, cancellationToken);
                await RaiseAndSaveAsync(app.Id, WebhookEventNames.PhoneVerificationFailed, objects, cancellationToken);
                return Failures.PhoneVerificationCodeIncorrect;
            default:
                await RaiseAndSaveAsync(app.Id, WebhookEventNames.PhoneVerificationNotFound, objects, cancellationToken);
                return notFound;
        }
    }

    private IQueryable<PhoneVerification> Live(Guid id, int maxChecks, DateTimeOffset now) =>
        db.PhoneVerifications.Where(v => v.Id == id).Where(PhoneVerificationQueries.IsLive(maxChecks, now));

    private async Task RaiseAndSaveAsync(int appId, string eventName, JsonObject objects, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(appId, eventName, null, objects, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
