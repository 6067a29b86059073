using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Outcomes;
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
    CodeDelivery delivery,
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

        var send = new CodeSend(app, CodeChannel.Email, CodeRecipient.ToEmail(member.Email, member.User.CountryCode), locale, SendToken.Limits(app, member), authyId);
        var admitted = await delivery.AdmitAsync(send, cancellationToken);
        if (!admitted.IsAdmitted)
        {
            return admitted.Refusal!;
        }

        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        var code = TokenCodes.ForDelivery(TokenCodes.KeyFor(seed, action), member.LastAcceptedStep, time.GetUtcNow(), options.Value.PeriodSeconds);
        var queued = delivery.Queue(admitted, new TokenMessage(app.Name, code));
        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TotpTokenSent, authyId, SendToken.TokenSentObjects("email"), cancellationToken);
        await delivery.CommitAsync(queued, cancellationToken);
        return new EmailTokenSent(member.Email, "EM" + queued.Message.Id.ToString("N"));
    }
}
