using System.Globalization;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Authy.Application.Users;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Tokens;

/// <summary>The parameters of sms/{id} and call/{id}.</summary>
public sealed record SendTokenCommand(CodeChannel Channel, bool Force, string? Action, string? ActionMessage, string? Locale);

/// <summary>What was done: sent, or ignored because the user has an authenticator (<see cref="Device"/> is its type).</summary>
public sealed record TokenSent(string Cellphone, bool Ignored, string? Device);

/// <summary>
/// sms/{id} and call/{id}: queues a code for the member's phone. Users with a registered device are not sent one
/// unless <c>force</c> (Authy's "ignored" answer), because their authenticator already shows it.
/// </summary>
public sealed class SendToken(
    IAuthyDb db,
    ISecretProtector protector,
    CodeDelivery delivery,
    IDeviceEvents deviceEvents,
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

        if (CodeDelivery.ChannelDisabled(app, command.Channel) is { } disabled)
        {
            return disabled;
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
                    new TokenRequested(app.Id, app.Name, PhoneChannels.Via(command.Channel), time.GetUtcNow()),
                    cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A device was removed between the query and the publish: the notice is a courtesy, the answer stands.
            }
            return new TokenSent(cellphone, Ignored: true, devices[0].OsType);
        }

        var phone = new NormalizedPhone(user.CountryCode, user.PhoneNumber);
        var send = new CodeSend(app, command.Channel, CodeRecipient.ToPhone(phone), command.Locale, Limits(app, member), authyId);
        var admitted = await delivery.AdmitAsync(send, cancellationToken);
        if (!admitted.IsAdmitted)
        {
            return admitted.Refusal!;
        }

        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        var code = TokenCodes.ForDelivery(TokenCodes.KeyFor(seed, command.Action), member.LastAcceptedStep, time.GetUtcNow(), options.Value.PeriodSeconds);
        var queued = delivery.Queue(admitted, new TokenMessage(app.Name, code, command.ActionMessage));
        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TotpTokenSent, authyId, TokenSentObjects(PhoneChannels.Via(command.Channel)), cancellationToken);
        await delivery.CommitAsync(queued, cancellationToken);
        return new TokenSent(cellphone, Ignored: false, Device: null);
    }

    /// <summary>
    /// A member's token sends, per member and per phone number across applications, so a leaked API key or a scripted
    /// login form cannot turn the server into an SMS cannon. E-mail codes count against the same limits.
    /// </summary>
    internal static SendLimits Limits(AuthenticatedApp app, AppUser member) => new(
        TimeSpan.FromSeconds(app.Settings.SendWindowSeconds),
        ThrottleLimits.CodeSends,
        [
            new(string.Create(CultureInfo.InvariantCulture, $"send:member:{member.Id}"), app.Settings.MaxSendsPerUser),
            new(string.Create(CultureInfo.InvariantCulture, $"send:phone:{member.User.CountryCode}:{member.User.PhoneNumber}"), app.Settings.MaxSendsPerPhone),
        ]);

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
