using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Webhooks;

namespace Authy.Application.Phones.Verification;

/// <summary>The parameters of phones/verification/start, as sent.</summary>
public sealed record StartPhoneVerificationCommand(
    string? Via, string? CountryCode, string? PhoneNumber, string? CodeLength, string? Locale, string? CustomMessage, string? CustomCode);

/// <summary>What was sent: the localized confirmation, where it went and how long the code lives.</summary>
public sealed record PhoneVerificationStarted(Guid Uuid, string Message, PhoneInfo Phone, int SecondsToExpire);

/// <summary>
/// phones/verification/start: sends a random code to a number. Within its validity a verification is resent, not
/// replaced: the same code, the same expiry and the same attempt budget, so asking again cannot buy more guesses.
/// Sends per number are limited for every node by the shared throttle.
/// </summary>
public sealed class StartPhoneVerification(
    IAuthyDb db,
    IThrottle throttle,
    SendGuard guard,
    ISecretProtector protector,
    OutboxWriter outbox,
    IUsageMeter usage,
    WebhookEvents webhooks,
    TimeProvider time)
{
    public const int MaxCustomMessageLength = 255;

    public async Task<Outcome<PhoneVerificationStarted>> ExecuteAsync(AuthenticatedApp app, StartPhoneVerificationCommand command, CancellationToken cancellationToken)
    {
        var settings = app.Settings;
        var via = string.IsNullOrWhiteSpace(command.Via) ? "sms" : command.Via.Trim().ToLowerInvariant();
        if (via is not ("sms" or "call"))
        {
            return Failures.Invalid("Via", "must be sms or call");
        }

        var parsed = PhoneParameters.Parse(command.CountryCode, command.PhoneNumber, settings.StrictPhoneNumbers);
        if (!parsed.IsSuccess)
        {
            return parsed.Failure!;
        }

        var phone = parsed.Value;
        var codeLength = PhoneVerificationCodes.DefaultLength;
        if (!string.IsNullOrWhiteSpace(command.CodeLength)
            && (!int.TryParse(command.CodeLength.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out codeLength)
                || codeLength is < PhoneVerificationCodes.MinLength or > PhoneVerificationCodes.MaxLength))
        {
            return Failures.Invalid("CodeLength", "must be a whole number from 4 to 10");
        }

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

        if (via == "sms" ? !settings.SmsEnabled : !settings.PhoneCallsEnabled)
        {
            return via == "sms" ? Failures.SmsDisabled : Failures.CallsDisabled;
        }

        var window = TimeSpan.FromSeconds(settings.PhoneVerificationSendWindowSeconds);
        var sends = await throttle.HitAsync(PhoneVerificationCodes.ThrottleKey(app.Id, phone), window, cancellationToken);
        if (sends.Count > settings.MaxPhoneVerificationSends)
        {
            AuthyMetrics.ThrottleHit(ThrottleLimits.PhoneVerificationSends);
            await RaiseAndSaveAsync(app.Id, WebhookEventNames.TooManyPhoneVerifications, PhoneVerificationEvents.Objects(phone, via: via), cancellationToken);
            return Failures.Throttled(sends.RetryAfter(time.GetUtcNow()));
        }

        if (await guard.CheckAsync(app, phone, via == "sms" ? PaidChannel.Sms : PaidChannel.Call, cancellationToken) is { } refused)
        {
            return refused;
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

        var locale = Locales.Resolve(command.Locale, phone.CountryCode);
        var cellphone = Masking.Cellphone(phone.CountryCode, phone.NationalNumber);
        var formatted = PhoneNumberParser.FormatInternational(phone);
        string message;
        if (via == "sms")
        {
            var text = MessageTemplates.PhoneVerificationSms(locale, app.Name, code);
            var voiceFallback = settings.SmsFallbackToVoice && settings.PhoneCallsEnabled
                ? new VoiceMessage(phone.E164, MessageTemplates.PhoneVerificationVoice(locale, app.Name, code), code, locale)
                : null;
            outbox.Add(new SmsMessage(phone.E164, customMessage is null ? text : customMessage + "\n" + text, locale, voiceFallback), cellphone, app.Id, null);
            message = MessageTemplates.PhoneVerificationSmsSent(locale, formatted);
        }
        else
        {
            outbox.Add(new VoiceMessage(phone.E164, MessageTemplates.PhoneVerificationVoice(locale, app.Name, code), code, locale), cellphone, app.Id, null);
            message = MessageTemplates.PhoneVerificationCallStarted(locale, formatted);
        }

        await webhooks.RaiseAsync(
            app.Id, WebhookEventNames.PhoneVerificationStarted, null, PhoneVerificationEvents.Objects(phone, verification.Id, via), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        usage.Record(app.Id, via == "sms" ? UsageKind.Sms : UsageKind.Call);
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
