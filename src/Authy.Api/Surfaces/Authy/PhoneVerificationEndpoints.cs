using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Delivery;
using Authy.Application.Phones;
using Authy.Application.Phones.Verification;

namespace Authy.Api.Surfaces.Authy;

/// <summary>phones/verification/start, check and status (spec §3.12–3.13).</summary>
internal static class PhoneVerificationEndpoints
{
    private const string CountryCode = "The calling code (`1`, `+44`) or an ISO region (`US`).";

    private const string PhoneNumber = "The national number, or the number with its calling code after a `+` (`+1 775-461-5609`); spaces, dashes and dots are ignored.";

    private static readonly AuthyParameter<CodeChannel> Via = AuthyParameter.Via("`sms` (default) or `call`.");

    private static readonly AuthyParameter<NormalizedPhone?> Phone = AuthyParameter.Phone(CountryCode, PhoneNumber);

    private static readonly AuthyParameter<int> CodeLength = AuthyParameter.Integer(
        "code_length", "Digits in the code, 4 to 10. Default 4.", PhoneVerificationCodes.DefaultLength, PhoneVerificationCodes.MinLength, PhoneVerificationCodes.MaxLength, "must be a whole number from 4 to 10");

    private static readonly AuthyParameter<string?> Locale = AuthyParameter.Text("locale", "Message language, e.g. `es`, `pt-BR`; detected from the country code when absent.");

    private static readonly AuthyParameter<string?> CustomMessage = AuthyParameter.Text("custom_message", "A line sent above the code (SMS only). Only where the application allows it, else 403 `60091`.");

    private static readonly AuthyParameter<string?> CustomCode = AuthyParameter.Text("custom_code", "The code to send instead of a random one (4–10 digits). Only where the application allows it, else 403 `60031`.");

    private static readonly AuthyParameter<string?> VerificationCode = AuthyParameter.Text("verification_code", "The code the user received.", required: true);

    private static readonly AuthyParameter<string?> Uuid = AuthyParameter.Text("uuid", "The uuid start returned; instead of the number.");

    private static readonly AuthyParameter<NormalizedPhone?> PhoneUnlessUuid = AuthyParameter.Phone(
        "The calling code, with phone_number when no uuid is given.", "The national number, with country_code when no uuid is given.", unless: "uuid");

    public static RouteGroupBuilder MapPhoneVerificationEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/phones/verification/start", StartPhoneVerification)
            .WithName(nameof(StartPhoneVerification))
            .WithTags("Phone verification")
            .WithSummary("Send a phone-verification code")
            .WithDescription("Sends a random code by SMS or call. A second start within the code's validity (10 minutes by default) resends the same code, with the same expiry and attempt budget. Sends per number are limited (5 per 10 minutes by default): past the limit, 429 `60003`.")
            .Declares<PhoneVerificationStartedResponse>(Via, Phone, CodeLength, Locale, CustomMessage, CustomCode);

        group.MapGet("/phones/verification/check", CheckPhoneVerification)
            .WithName(nameof(CheckPhoneVerification))
            .WithTags("Phone verification")
            .WithSummary("Check a phone-verification code")
            .WithDescription("Accepts the right code once. A wrong code answers 401 `60022` and spends one of the verification's attempts (5 by default); with none left, or when the code expired or was used, 404 `60023`. node-authy sends the parameters as a form body on this GET: that works.")
            .Declares<MessageResponse>(Phone, VerificationCode);

        group.MapGet("/phones/verification/status", GetPhoneVerificationStatus)
            .WithName(nameof(GetPhoneVerificationStatus))
            .WithTags("Phone verification")
            .WithSummary("Phone-verification status")
            .WithDescription("`pending`, `verified` or `expired` (also when the attempts are spent) for the number's newest verification, or for the one `uuid` names, with the seconds a pending code has left.")
            .Declares<PhoneVerificationStatusResponse>(Uuid, PhoneUnlessUuid);
        return group;
    }

    internal static async Task<AuthyResult> StartPhoneVerification(AuthyRequest request, StartPhoneVerification start, CancellationToken cancellationToken)
    {
        var command = new StartPhoneVerificationCommand(
            request.Get(Via), request.Get(Phone)!, request.Get(CodeLength), request.Get(Locale), request.Get(CustomMessage), request.Get(CustomCode));
        var outcome = await start.ExecuteAsync(request.App, command, cancellationToken);
        return outcome.ToAuthyResult(started => new PhoneVerificationStartedResponse(
            started.Phone.Provider ?? string.Empty, started.Phone.IsCellphone, IsPorted: false, started.Message, started.SecondsToExpire, started.Uuid.ToString()));
    }

    internal static async Task<AuthyResult> CheckPhoneVerification(AuthyRequest request, CheckPhoneVerification check, CancellationToken cancellationToken)
    {
        var command = new CheckPhoneVerificationCommand(request.Get(Phone)!, request.Get(VerificationCode));
        var outcome = await check.ExecuteAsync(request.App, command, cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("Verification code is correct."));
    }

    internal static async Task<AuthyResult> GetPhoneVerificationStatus(AuthyRequest request, GetPhoneVerificationStatus getStatus, CancellationToken cancellationToken)
    {
        var query = new GetPhoneVerificationStatusQuery(request.Get(Uuid), request.Get(PhoneUnlessUuid));
        var outcome = await getStatus.ExecuteAsync(request.App, query, cancellationToken);
        return outcome.ToAuthyResult(state => new PhoneVerificationStatusResponse("Phone Verification status.", state.Status, state.SecondsToExpire));
    }
}
