using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Delivery;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Tokens;

namespace Authy.Api.Surfaces.Authy;

/// <summary>sms, call, email and verify (spec §3.7–3.9).</summary>
internal static class TokenEndpoints
{
    private const string SmsIgnored = "Ignored: SMS is not needed for smartphones. Pass force=true if you want to actually send it anyway.";

    // The double space is Authy's; clients compare nothing here, but the text stays as recorded.
    private const string CallIgnored = "Call ignored. User is using  App Tokens and this call is not necessary. Pass force=true if you still want to call users that are using the App.";

    private const string NotChecked = "Not checked. User has not yet finished the registration process. Pass force=true to this API to check regardless (more secure).";

    private static readonly AuthyParameter<bool> Force = AuthyParameter.Flag("force", "Send even if the user has an authenticator.");

    private static readonly AuthyParameter<string?> Action = AuthyParameter.Text("action", "Binds the code to this action; verify must pass the same action (1–255 characters).");

    private static readonly AuthyParameter<string?> ActionMessage = AuthyParameter.Text("action_message", "Text shown with the code (1–255 characters).");

    private static readonly AuthyParameter<string?> Locale = AuthyParameter.Text("locale", "Message language, e.g. `es`, `pt-BR`; detected from the country code when absent.");

    private static readonly AuthyParameter[] SendParameters = [AuthyParameter.AuthyId, Force, Action, ActionMessage, Locale];

    private static readonly AuthyParameter<string?> EmailAction = AuthyParameter.Text("action", "Binds the code to this action (1–255 characters).");

    private static readonly AuthyParameter<string?> EmailLocale = AuthyParameter.Text("locale", "Message language, e.g. `es`, `pt-BR`.");

    private static readonly AuthyParameter<string> Token = AuthyParameter.InPath("token", "The code the user typed (6–10 digits).");

    private static readonly AuthyParameter<bool> VerifyForce = AuthyParameter.Flag("force", "Check the token even for users who never verified one (matters only under the legacy unregistered-user policy).");

    private static readonly AuthyParameter<string?> VerifyAction = AuthyParameter.Text("action", "The action the code was sent for, if any.");

    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/sms/{authyId}", RequestSms)
            .WithName(nameof(RequestSms))
            .WithTags("Tokens")
            .WithSummary("Send a code by SMS")
            .WithDescription("Queues an SMS with the user's current code. Users with an authenticator get the \"ignored\" answer instead, unless `force=true`.")
            .Declares<TokenSentResponse>(SendParameters);

        group.MapGet("/call/{authyId}", RequestCall)
            .WithName(nameof(RequestCall))
            .WithTags("Tokens")
            .WithSummary("Send a code by voice call")
            .WithDescription("Queues a call that reads the user's current code. Users with an authenticator get the \"ignored\" answer instead, unless `force=true`.")
            .Declares<TokenSentResponse>(SendParameters);

        group.MapPost("/email/{authyId}", RequestEmail)
            .WithName(nameof(RequestEmail))
            .WithTags("Tokens")
            .WithSummary("Send a code by e-mail")
            .WithDescription("Queues an e-mail with the user's current code to the address the application registered.")
            .Declares<EmailSentResponse>(AuthyParameter.AuthyId, EmailAction, EmailLocale);

        group.MapGet("/verify/{token}/{authyId}", VerifyToken)
            .WithName(nameof(VerifyToken))
            .WithTags("Tokens")
            .WithSummary("Verify a code")
            .WithDescription("Checks a code from the authenticator, SMS, call or e-mail. Each code is accepted once: a 7-digit code within ±3 minutes, a 6-digit code from a QR secret within ±1 step of 30 s (both per application). Too many wrong codes lock the user out with 429 and `Retry-After` for the application's window; the limit holds for parallel requests too.")
            .Declares<TokenVerifiedResponse>(Token, AuthyParameter.AuthyId, VerifyForce, VerifyAction);
        return group;
    }

    internal static Task<AuthyResult> RequestSms(AuthyRequest request, SendToken sendToken, CancellationToken cancellationToken) =>
        SendAsync(request, sendToken, CodeChannel.Sms, cancellationToken);

    internal static Task<AuthyResult> RequestCall(AuthyRequest request, SendToken sendToken, CancellationToken cancellationToken) =>
        SendAsync(request, sendToken, CodeChannel.Voice, cancellationToken);

    private static async Task<AuthyResult> SendAsync(AuthyRequest request, SendToken sendToken, CodeChannel channel, CancellationToken cancellationToken)
    {
        var command = new SendTokenCommand(channel, request.Get(Force), request.Get(Action), request.Get(ActionMessage), request.Get(Locale));
        var outcome = await sendToken.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), command, cancellationToken);
        return outcome.ToAuthyResult(sent => sent.Ignored
            ? new TokenSentResponse(channel == CodeChannel.Sms ? SmsIgnored : CallIgnored, sent.Cellphone, sent.Device, Ignored: true)
            : new TokenSentResponse(channel == CodeChannel.Sms ? "SMS token was sent" : "Call started...", sent.Cellphone, Device: null, Ignored: null));
    }

    internal static async Task<AuthyResult> RequestEmail(AuthyRequest request, SendEmailToken sendEmailToken, CancellationToken cancellationToken)
    {
        var outcome = await sendEmailToken.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), request.Get(EmailAction), request.Get(EmailLocale), cancellationToken);
        return outcome.ToAuthyResult(sent => new EmailSentResponse("Email token was sent", sent.Email, sent.EmailId));
    }

    internal static async Task<AuthyResult> VerifyToken(AuthyRequest request, VerifyToken verifyToken, CancellationToken cancellationToken)
    {
        var command = new VerifyTokenCommand(request.Get(Token), request.Get(VerifyForce), request.Get(VerifyAction));
        var outcome = await verifyToken.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), command, cancellationToken);
        AuthyMetrics.Verification(VerificationResult(outcome));
        return outcome.ToAuthyResult(verified =>
        {
            var device = verified.Device is { } d
                ? new VerifiedDevice(d.Id, d.OsType, d.CreatedAt.ToUnixTimeSeconds(), d.RegistrationMethod, null, null, null, null, null, null, null, null, d.LastSyncedAt?.ToUnixTimeSeconds())
                : new VerifiedDevice(null, "sms", verified.MemberSince.ToUnixTimeSeconds(), null, null, null, null, null, null, null, null, null, null);
            return verified.Checked
                ? new TokenVerifiedResponse("Token is valid.", "is valid", true, device)
                : new TokenVerifiedResponse(NotChecked, NotChecked, true, device);
        });
    }

    /// <summary>The <c>result</c> label of <c>authy_verifications</c>.</summary>
    private static string VerificationResult(Outcome<TokenVerified> outcome) => outcome.Failure?.Reason switch
    {
        null => outcome.Value.Checked ? "valid" : "not_checked",
        FailureReason.TokenIncorrect => "invalid",
        FailureReason.TokenReused => "reused",
        FailureReason.TooManyRequests => "locked",
        _ => "refused",
    };
}
