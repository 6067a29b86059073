using System.Net;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Outcomes;

namespace Authy.Application.Delivery;

/// <summary>
/// One code to send: who asks (an application with its key, or, when <see cref="App"/> is null, a request without one
/// from <see cref="Client"/>), the channel, the recipient, the requested locale, the use case's own limits, and the
/// member it is for (recorded on the outbox row).
/// </summary>
public sealed record CodeSend(
    AuthenticatedApp? App,
    CodeChannel Channel,
    CodeRecipient To,
    string? Locale,
    SendLimits Limits,
    long? UserId = null,
    IPAddress? Client = null);

/// <summary>Which check refused a send.</summary>
public enum SendRefusedBy
{
    /// <summary>The channel is switched off for the requester.</summary>
    Channel,

    /// <summary>The use case's own <see cref="SendLimits"/>.</summary>
    OwnLimit,

    /// <summary>The server-wide <see cref="SendGuard"/>: countries, the monthly cap, number, prefix and address budgets.</summary>
    Guard,
}

/// <summary>The answer of <see cref="CodeDelivery.AdmitAsync"/>: the send, counted everywhere, or why it may not go.</summary>
public sealed record CodeAdmission(CodeSend Send, string Locale, Failure? Refusal, SendRefusedBy? RefusedBy)
{
    public bool IsAdmitted => Refusal is null;
}

/// <summary>A message in the caller's unit of work: the outbox row and the locale it was written in.</summary>
public sealed record QueuedCode(CodeSend Send, OutboxMessage Message, string Locale);

/// <summary>
/// The one way a code leaves the server, whichever use case drew it (tokens by SMS, call or e-mail, phone
/// verification, device registration, and Verify v2 verifications next). In three steps, so that a use case can draw or
/// reuse its code only once the send is allowed:
/// <list type="number">
/// <item><see cref="AdmitAsync"/>: the channel switch, the use case's own limits and the <see cref="SendGuard"/>, each
/// counted before it is checked, so concurrent sends cannot pass a limit together.</item>
/// <item><see cref="Queue"/>: the localized message (an SMS with its voice fallback where the application allows it) in
/// the outbox, in the caller's unit of work.</item>
/// <item><see cref="CommitAsync"/>: saves that unit of work and counts the send in the application's usage.</item>
/// </list>
/// </summary>
public sealed class CodeDelivery(SendGuard guard, SendLimitCounter limits, OutboxWriter outbox, IAuthyDb db, IUsageMeter usage)
{
    /// <summary>The application's switch for <paramref name="channel"/>: null when on, else the 403 to answer.</summary>
    public static Failure? ChannelDisabled(AuthenticatedApp app, CodeChannel channel) => channel switch
    {
        CodeChannel.Sms when !app.Settings.SmsEnabled => Failures.SmsDisabled,
        CodeChannel.Voice when !app.Settings.PhoneCallsEnabled => Failures.CallsDisabled,
        _ => null,
    };

    /// <summary>
    /// Whether the send may go, counting it in every limit it passes. An application's own switch and limits come
    /// first, so an application past them spends none of the budgets it shares with others. A request without a key is
    /// checked by the guard first, whose per-address limit stops a client before it can spend the limits of someone
    /// else's number.
    /// </summary>
    public async Task<CodeAdmission> AdmitAsync(CodeSend send, CancellationToken cancellationToken)
    {
        if (send.Channel == CodeChannel.Email && send.To.Email is null || send.Channel != CodeChannel.Email && send.To.Phone is null)
        {
            throw new ArgumentException($"A {send.Channel} code needs a recipient of that kind.", nameof(send));
        }

        var locale = Locales.Resolve(send.Locale, send.To.CountryCode);
        if (send.App is { } app)
        {
            if (ChannelDisabled(app, send.Channel) is { } disabled)
            {
                return new CodeAdmission(send, locale, disabled, SendRefusedBy.Channel);
            }

            if (await limits.TryConsumeAsync(send.Limits, cancellationToken) is { } limited)
            {
                return new CodeAdmission(send, locale, limited, SendRefusedBy.OwnLimit);
            }

            if (send.To.Phone is { } phone && await guard.CheckAsync(app, phone, Paid(send.Channel), cancellationToken) is { } refused)
            {
                return new CodeAdmission(send, locale, refused, SendRefusedBy.Guard);
            }
        }
        else
        {
            if (send.To.Phone is not { } phone)
            {
                throw new ArgumentException("Without an API key, codes go to phones only.", nameof(send));
            }

            if (await guard.CheckUnauthenticatedAsync(phone, Paid(send.Channel), send.Client, cancellationToken) is { } refused)
            {
                return new CodeAdmission(send, locale, refused, SendRefusedBy.Guard);
            }

            if (await limits.TryConsumeAsync(send.Limits, cancellationToken) is { } limited)
            {
                return new CodeAdmission(send, locale, limited, SendRefusedBy.OwnLimit);
            }
        }

        return new CodeAdmission(send, locale, null, null);
    }

    /// <summary>
    /// Adds <paramref name="message"/> to the outbox in the caller's unit of work, in the admitted channel and locale.
    /// An SMS carries its voice fallback when the application allows calls and asked for it.
    /// </summary>
    public QueuedCode Queue(CodeAdmission admitted, CodeMessage message)
    {
        if (!admitted.IsAdmitted)
        {
            throw new InvalidOperationException("A refused send cannot be queued.");
        }

        var (send, locale) = (admitted.Send, admitted.Locale);
        var appId = send.App?.Id;
        OutboxMessage row;
        switch (send.Channel)
        {
            case CodeChannel.Sms:
                var to = send.To.Phone!.E164;
                var fallback = send.App is { Settings: { SmsFallbackToVoice: true, PhoneCallsEnabled: true } }
                    ? new VoiceMessage(to, message.Voice(locale), message.Code, locale)
                    : null;
                row = outbox.Add(new SmsMessage(to, message.Sms(locale), locale, fallback), send.To.Masked, appId, send.UserId);
                break;
            case CodeChannel.Voice:
                row = outbox.Add(new VoiceMessage(send.To.Phone!.E164, message.Voice(locale), message.Code, locale), send.To.Masked, appId, send.UserId);
                break;
            default:
                var email = message.Email(locale);
                row = outbox.Add(new EmailMessage(send.To.Email!, email.Subject, email.TextBody, email.HtmlBody, locale), send.To.Masked, appId, send.UserId);
                break;
        }

        return new QueuedCode(send, row, locale);
    }

    /// <summary>
    /// Saves the caller's unit of work, the queued message with it, then counts the send in the application's usage
    /// (SMS and calls; e-mail is not a counted kind). Nothing is counted when the save fails.
    /// </summary>
    public async Task CommitAsync(QueuedCode queued, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (queued.Send.App is { } app && queued.Send.Channel is not CodeChannel.Email)
        {
            usage.Record(app.Id, queued.Send.Channel == CodeChannel.Sms ? UsageKind.Sms : UsageKind.Call);
        }
    }

    private static PaidChannel Paid(CodeChannel channel) => channel == CodeChannel.Sms ? PaidChannel.Sms : PaidChannel.Call;
}
