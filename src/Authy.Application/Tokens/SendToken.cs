using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Authy.Application.Users;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Tokens;

public enum TokenChannel
{
    Sms,
    Voice,
}

/// <summary>The parameters of sms/{id} and call/{id}.</summary>
public sealed record SendTokenCommand(TokenChannel Channel, bool Force, string? Action, string? ActionMessage, string? Locale);

/// <summary>What was done: sent, or ignored because the user has an authenticator (<see cref="Device"/> is its type).</summary>
public sealed record TokenSent(string Cellphone, bool Ignored, string? Device);

/// <summary>
/// sms/{id} and call/{id}: queues a code for the member's phone. Users with a registered device are not sent one
/// unless <c>force</c> (Authy's "ignored" answer), because their authenticator already shows it.
/// </summary>
public sealed class SendToken(
    IAuthyDb db,
    ISecretProtector protector,
    SendLimits limits,
    SendGuard guard,
    OutboxWriter outbox,
    IDeviceEvents deviceEvents,
    IUsageMeter usage,
    WebhookEvents webhooks,
    IVerifyMemberCache verifyMembers,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public const int MaxActionLength = 255;

    public async Task<Outcome<TokenSent>> ExecuteAsync(AuthenticatedApp app, long authyId, SendTokenCommand command, CancellationToken cancellationToken)
    {
        if (ValidateAction(command.Action, command.ActionMessage) is { } invalid)
        {
            return invalid;
        }

        if (!string.IsNullOrEmpty(command.ActionMessage) && !app.Settings.ActionMessageAllowed)
        {
            return Failures.ActionMessageDisallowed;
        }

        // The member and the user's devices in one query.
        var found = await db.FindMemberWithDevicesAsync(app.Id, authyId, cancellationToken);
        if (found is not { Member: var member, Devices: var devices })
        {
            return Failures.UserNotFound;
        }

        // The code sent now comes back in a verify: fill verify's cache from this read, so that verify is one statement.
        verifyMembers.Set(app.Id, authyId, CachedVerifyMember.Of(member));

        if (command.Channel == TokenChannel.Sms ? !app.Settings.SmsEnabled : !app.Settings.PhoneCallsEnabled)
        {
            return command.Channel == TokenChannel.Sms ? Failures.SmsDisabled : Failures.CallsDisabled;
        }

        if (member.Status == AppUserStatus.Banned)
        {
            return Failures.UserBlocked;
        }

        var user = member.User;
        var cellphone = Masking.Cellphone(user.CountryCode, user.PhoneNumber);
        if (!command.Force && !app.Settings.AlwaysSendToDeviceUsers && devices.Count > 0)
        {
            // The user's authenticators already show the code: tell them to come to the front instead.
            try
            {
                await deviceEvents.PublishAsync(
                    devices.ConvertAll(d => d.Id),
                    DeviceEventTypes.TokenRequested,
                    new TokenRequested(app.Id, app.Name, command.Channel == TokenChannel.Sms ? "sms" : "call", time.GetUtcNow()),
                    cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A device was removed between the query and the publish: the notice is a courtesy, the answer stands.
            }
            return new TokenSent(cellphone, Ignored: true, devices[0].OsType);
        }

        if (await limits.TryConsumeAsync(app, member, cancellationToken) is { } limited)
        {
            return limited;
        }

        var phone = new NormalizedPhone(user.CountryCode, user.PhoneNumber);
        if (await guard.CheckAsync(app, phone, command.Channel == TokenChannel.Sms ? PaidChannel.Sms : PaidChannel.Call, cancellationToken) is { } refused)
        {
            return refused;
        }

        var period = options.Value.PeriodSeconds;
        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        var code = TokenCodes.ForDelivery(TokenCodes.KeyFor(seed, command.Action), member.LastAcceptedStep, time.GetUtcNow(), period);
        var locale = Locales.Resolve(command.Locale, user.CountryCode);
        var to = $"+{user.CountryCode}{user.PhoneNumber}";
        if (command.Channel == TokenChannel.Sms)
        {
            var text = string.IsNullOrEmpty(command.ActionMessage)
                ? MessageTemplates.SmsToken(locale, app.Name, code)
                : MessageTemplates.SmsTokenWithAction(locale, app.Name, code, command.ActionMessage);
            var voiceFallback = app.Settings.SmsFallbackToVoice && app.Settings.PhoneCallsEnabled
                ? new VoiceMessage(to, MessageTemplates.VoiceToken(locale, app.Name, code), code, locale)
                : null;
            outbox.Add(new SmsMessage(to, text, locale, voiceFallback), cellphone, app.Id, authyId);
        }
        else
        {
            outbox.Add(new VoiceMessage(to, MessageTemplates.VoiceToken(locale, app.Name, code), code, locale), cellphone, app.Id, authyId);
        }

        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TotpTokenSent, authyId, TokenSentObjects(command.Channel == TokenChannel.Sms ? "sms" : "call"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        usage.Record(app.Id, command.Channel == TokenChannel.Sms ? UsageKind.Sms : UsageKind.Call);
        return new TokenSent(cellphone, Ignored: false, Device: null);
    }

    /// <summary>The <c>objects.token</c> of a <c>totp_token_sent</c> event: the channel the code went by.</summary>
    internal static JsonObject TokenSentObjects(string via) =>
        new() { ["token"] = new JsonObject { ["s_via"] = via } };

    internal static Failure? ValidateAction(string? action, string? actionMessage)
    {
        if (action is not null && (action.Length > MaxActionLength || !WellFormedText.IsWellFormed(action)))
        {
            return Failures.Invalid("Action", "must be 1 to 255 characters of text");
        }

        if (actionMessage is not null && (actionMessage.Length > MaxActionLength || !WellFormedText.IsWellFormed(actionMessage)))
        {
            return Failures.Invalid("ActionMessage", "must be 1 to 255 characters of text");
        }

        return null;
    }
}
