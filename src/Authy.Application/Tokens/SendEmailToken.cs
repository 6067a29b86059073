using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Authy.Application.Users;
using Authy.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace Authy.Application.Tokens;

/// <summary>The e-mail a code went to and the id of the message (<c>EM…</c>).</summary>
public sealed record EmailTokenSent(string Email, string EmailId);

/// <summary>email/{id}: queues a code to the member's e-mail address, under the same limits as SMS.</summary>
public sealed class SendEmailToken(
    IAuthyDb db,
    ISecretProtector protector,
    SendLimits limits,
    OutboxWriter outbox,
    WebhookEvents webhooks,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public async Task<Outcome<EmailTokenSent>> ExecuteAsync(AuthenticatedApp app, long authyId, string? action, string? locale, CancellationToken cancellationToken)
    {
        if (SendToken.ValidateAction(action, null) is { } invalid)
        {
            return invalid;
        }

        var found = await db.FindActiveMemberAsync(app.Id, authyId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        var member = found.Value;

        if (string.IsNullOrEmpty(member.Email))
        {
            return Failures.UserHasNoEmail;
        }

        if (await limits.TryConsumeAsync(app, member, cancellationToken) is { } limited)
        {
            return limited;
        }

        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        var code = TokenCodes.ForDelivery(TokenCodes.KeyFor(seed, action), member.LastAcceptedStep, time.GetUtcNow(), options.Value.PeriodSeconds);
        var resolved = Locales.Resolve(locale, member.User.CountryCode);
        var message = new EmailMessage(
            member.Email,
            MessageTemplates.EmailSubject(resolved, app.Name),
            MessageTemplates.EmailTextBody(resolved, app.Name, code),
            MessageTemplates.EmailHtmlBody(resolved, app.Name, code),
            resolved);
        var row = outbox.Add(message, Masking.Email(member.Email), app.Id, authyId);
        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TotpTokenSent, authyId, SendToken.TokenSentObjects("email"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new EmailTokenSent(member.Email, "EM" + row.Id.ToString("N"));
    }
}
