using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Webhooks;

namespace Authy.Application.Phones.Verification;

/// <summary>
/// phones/verification/start: the channel and number, parsed by the surface; the length of a drawn code (the surface
/// keeps it within <see cref="PhoneVerificationCodes.MinLength"/>–<see cref="PhoneVerificationCodes.MaxLength"/>); the
/// texts as sent, which depend on the application's settings.
/// </summary>
public sealed record StartPhoneVerificationCommand(
    CodeChannel Channel, NormalizedPhone Phone, int CodeLength, string? Locale, string? CustomMessage, string? CustomCode);

/// <summary>What was sent: the localized confirmation, where it went and how long the code lives.</summary>
public sealed record PhoneVerificationStarted(Guid Uuid, string Message, PhoneInfo Phone, int SecondsToExpire);

/// <summary>
/// phones/verification/start: sends a random code to a number. Within its validity a verification is resent, not
/// replaced: the same code, the same expiry and the same attempt budget, so asking again cannot buy more guesses.
/// Sends per number are limited for every node by the shared throttle.
/// </summary>
public sealed class StartPhoneVerification(
    IAuthyDb db,
    CodeDelivery delivery,
    ISecretProtector protector,
    WebhookEvents webhooks,
    TimeProvider time)
{
    public const int MaxCustomMessageLength = 255;

    public async Task<Outcome<PhoneVerificationStarted>> ExecuteAsync(AuthenticatedApp app, StartPhoneVerificationCommand command, CancellationToken cancellationToken)
    {
        var settings = app.Settings;
        var (phone, channel, codeLength) = (command.Phone, command.Channel, command.CodeLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(codeLength, PhoneVerificationCodes.MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codeLength, PhoneVerificationCodes.MaxLength);
        var via = PhoneChannels.Via(channel);
        var customMessage = string.IsNullOrWhiteSpace(command.CustomMessage) ? null : command.CustomMessage.Trim();
        if (customMessage is not null)
        {
            if (!settings.PhoneVerificationCustomMessageAllowed)
            {
                await RaiseAndSaveAsync(app.Id, WebhookEventNames.CustomMessageNotAllowed, PhoneVerificationEvents.Objects(phone, via: via), cancellationToken);
                return Failures.CustomMessageDisallowed;
            }

            if (customMessage.Length > MaxCustomMessageLength || !WellFormedText.IsWellFormed(customMessage))
            {
                return Failures.Invalid("CustomMessage", "must be 1 to 255 characters of text");
            }
        }

        var customCode = string.IsNullOrWhiteSpace(command.CustomCode) ? null : command.CustomCode.Trim();
        if (customCode is not null)
        {
            if (!settings.PhoneVerificationCustomCodeAllowed)
            {
                return Failures.CustomCodeDisallowed;
            }

            if (!PhoneVerificationCodes.IsWellFormed(customCode))
            {
                return Failures.Invalid("CustomCode", "must be 4 to 10 digits");
            }
        }

        var limits = new SendLimits(
            TimeSpan.FromSeconds(settings.PhoneVerificationSendWindowSeconds),
            ThrottleLimits.PhoneVerificationSends,
            [new(PhoneVerificationCodes.ThrottleKey(app.Id, phone), settings.MaxPhoneVerificationSends)]);
        var admitted = await delivery.AdmitAsync(new CodeSend(app, channel, CodeRecipient.ToPhone(phone), command.Locale, limits), cancellationToken);
        if (!admitted.IsAdmitted)
        {
            if (admitted.RefusedBy == SendRefusedBy.OwnLimit)
            {
                await RaiseAndSaveAsync(app.Id, WebhookEventNames.TooManyPhoneVerifications, PhoneVerificationEvents.Objects(phone, via: via), cancellationToken);
            }

            return admitted.Refusal!;
        }

        var now = time.GetUtcNow();
        var verification = await db.FindLiveAsync(app.Id, phone, settings.MaxPhoneVerificationChecks, now, cancellationToken);
        string code;
        if (verification is not null && (customCode is null || PhoneVerificationCodes.Matches(protector, verification, customCode)))
        {
            code = System.Text.Encoding.UTF8.GetString(protector.Unprotect(verification.EncryptedCode, SecretPurposes.PhoneVerificationCode));
            verification.Sends++;
            verification.Via = via;
        }
        else
        {
            // A different custom code is the application's new choice: it replaces the live verification.
            if (verification is not null)
            {
                verification.Status = PhoneVerificationStatus.Failed;
            }

            code = customCode ?? PhoneVerificationCodes.Draw(codeLength);
            verification = NewVerification(app.Id, phone, via, code, now.AddSeconds(settings.PhoneVerificationSeconds), now);
            db.PhoneVerifications.Add(verification);
        }

        var queued = delivery.Queue(admitted, new PhoneVerificationMessage(app.Name, code, customMessage));
        var formatted = PhoneNumberParser.FormatInternational(phone);
        var message = via == "sms"
            ? MessageTemplates.PhoneVerificationSmsSent(queued.Locale, formatted)
            : MessageTemplates.PhoneVerificationCallStarted(queued.Locale, formatted);
        await webhooks.RaiseAsync(
            app.Id, WebhookEventNames.PhoneVerificationStarted, null, PhoneVerificationEvents.Objects(phone, verification.Id, via), cancellationToken);
        await delivery.CommitAsync(queued, cancellationToken);
        return new PhoneVerificationStarted(
            verification.Id, message, GetPhoneInfo.Describe(phone), PhoneVerificationCodes.SecondsLeft(verification, now));
    }

    private async Task RaiseAndSaveAsync(int appId, string eventName, System.Text.Json.Nodes.JsonObject objects, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(appId, eventName, null, objects, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private PhoneVerification NewVerification(int appId, NormalizedPhone phone, string via, string code, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        return new PhoneVerification
        {
            Id = id,
            AppId = appId,
            CountryCode = phone.CountryCode,
            PhoneNumber = phone.NationalNumber,
            Via = via,
            CodeHash = PhoneVerificationCodes.Hash(protector, id, code),
            EncryptedCode = protector.Protect(System.Text.Encoding.UTF8.GetBytes(code), SecretPurposes.PhoneVerificationCode),
            Status = PhoneVerificationStatus.Pending,
            Sends = 1,
            ExpiresAt = expiresAt,
            CreatedAt = now,
        };
    }
}
