using System.Globalization;
using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// The one place where Twilio error codes, statuses and messages are written (spec §1.7, §3.5), and where the
/// application's wire-neutral failures become them (<see cref="From"/>).
/// </summary>
internal static class VerifyErrors
{
    /// <summary>
    /// The Verify answer to <paramref name="failure"/>. Fields are named by the use cases' input properties
    /// (<c>CodeLength</c>), which is already Verify's PascalCase parameter name. A not-found names
    /// <paramref name="resourcePath"/>, the request path without <c>/v2</c>, as Twilio's 404s do.
    /// </summary>
    // No default arm: a reason missing here fails the build (CS8509). Values outside the enum cannot be built
    // (Failures makes every failure), so the compiler's reminder about them (CS8524) is off for this switch.
#pragma warning disable CS8524
    public static VerifyError From(Failure failure, string? resourcePath = null) => failure.Reason switch
    {
        FailureReason.MissingValue => MissingParameter(failure.Field!),
        FailureReason.InvalidValue => InvalidParameter(failure.Field!),
        // Verify's only phone parameter is To.
        FailureReason.InvalidPhoneNumber => InvalidParameter(failure.Field ?? "To"),
        FailureReason.InvalidPublicKey => FactorBindingInvalid,
        // Authy's record endpoints (users/new, webhooks); Verify validates field by field, so only a generic answer.
        FailureReason.InvalidUser or FailureReason.InvalidWebhook => InvalidRecord(failure.Fields),
        FailureReason.UserNotFound
            or FailureReason.PhoneVerificationNotFound
            or FailureReason.ApprovalRequestNotFound
            or FailureReason.DeviceRegistrationNotFound
            or FailureReason.WebhookNotFound => NotFound(resourcePath),
        // Verify answers a wrong code with 200 and status "pending"/"unverified", so handlers should not forward these;
        // if one does, the legacy 60311 is Twilio's own word for a wrong factor code.
        FailureReason.TokenIncorrect or FailureReason.TokenReused => FactorVerificationFailed,
        FailureReason.PhoneVerificationCodeIncorrect => InvalidParameter("Code"),
        FailureReason.RegistrationCodeIncorrect => UnauthorizedFactorCreation,
        FailureReason.SignatureInvalid => ChallengeVerificationFailed,
        FailureReason.ApplicationKeyInvalid or FailureReason.AccessKeyInvalid => Authenticate("Your AccountSid or AuthToken was incorrect."),
        FailureReason.AccessKeyMissing => Authenticate("No credentials provided"),
        FailureReason.DashboardKeysNotSet => Authenticate("The account has no credentials yet"),
        FailureReason.SignatureNonceMissing
            or FailureReason.SignatureNonceReused
            or FailureReason.SignatureNonceOutOfWindow => Authenticate("The request signature is missing, replayed or outside its time window"),
        FailureReason.SmsDisabled or FailureReason.CallsDisabled => DeliveryChannelDisabled,
        // Twilio's Geo Permissions and Fraud Guard refuse a destination or a number with 60410.
        FailureReason.CountryNotAllowed or FailureReason.UserBlocked => DeliveryAttemptBlocked,
        FailureReason.CustomCodeDisallowed
            or FailureReason.CustomMessageDisallowed
            or FailureReason.ActionMessageDisallowed
            or FailureReason.GenericTokensDisabled => FeatureNotSupported,
        FailureReason.ApprovalRequestNotPending => ChallengeAlreadyResponded,
        // Only the e-mail channel needs an address the caller did not give, and Verify takes it in To.
        FailureReason.UserHasNoEmail => InvalidParameter("To"),
        FailureReason.WebhookLimitReached => WebhookLimitReached,
        FailureReason.TooManyRequests => TooManyRequests(failure.RetryAfter),
        // A monthly cap is a send limit that no short wait lifts: Verify's send-limit code, without Retry-After.
        FailureReason.MonthlySmsLimitReached or FailureReason.MonthlyCallsLimitReached => MaxSendAttemptsReached,
    };
#pragma warning restore CS8524

    /// <summary>20001, for a required parameter that is absent or blank (Twilio says "post body" for query ones too).</summary>
    public static VerifyError MissingParameter(string name) => new(20001, 400, $"Missing required parameter {name} in the post body");

    /// <summary>60200, for a parameter that is present but unusable.</summary>
    public static VerifyError InvalidParameter(string name) => new(60200, 400, $"Invalid parameter: {name}");

    /// <summary>60200 for a refused record, naming its first field and listing each field's problem in <c>details</c>.</summary>
    public static VerifyError InvalidRecord(IReadOnlyList<FieldProblem> fields) =>
        (fields.Count == 0 ? new VerifyError(60200, 400, "Invalid parameter") : InvalidParameter(fields[0].Field)) with
        {
            Details = fields.DistinctBy(field => field.Field).ToDictionary(field => field.Field, Problem),
        };

    private static string Problem(FieldProblem field) => field.Problem switch
    {
        ValueProblem.Missing => "is required",
        ValueProblem.Unsupported => "is not supported",
        ValueProblem.TooLong => string.Create(CultureInfo.InvariantCulture, $"is longer than {field.Limit} characters"),
        ValueProblem.Unknown => $"names unknown values: {field.Detail}",
        _ => field.Detail ?? "is invalid",
    };

    /// <summary>
    /// 404 20404: <c>The requested resource /Services/VAxx/VerificationCheck was not found</c>, the path being the
    /// request's without <c>/v2</c> and without the query.
    /// </summary>
    public static VerifyError NotFound(string? pathWithoutV2) =>
        new(20404, 404, pathWithoutV2 is null ? "The requested resource was not found" : $"The requested resource {pathWithoutV2} was not found");

    /// <summary>401 20003 for a credential that is known to be wrong, with the texts real Twilio answers.</summary>
    public static VerifyError AuthenticationFailed { get; } =
        new(20003, 401, "Authentication Error - invalid username") { Detail = "Your AccountSid or AuthToken was incorrect." };

    public static VerifyError NoCredentials { get; } =
        new(20003, 401, "Authentication Error - No credentials provided") { Detail = "No credentials provided" };

    /// <summary>401 20003 with Twilio's other message, for a refused credential that <paramref name="detail"/> explains.</summary>
    public static VerifyError Authenticate(string detail) => new(20003, 401, "Authenticate") { Detail = detail };

    public static VerifyError MethodNotAllowed { get; } = new(20004, 405, "Method not allowed");

    /// <summary>429 20429, Twilio's answer for a programmable rate limit, with the wait as <c>Retry-After</c> when known.</summary>
    public static VerifyError TooManyRequests(TimeSpan? retryAfter) => new(20429, 429, "Too many requests") { RetryAfter = retryAfter };

    public static VerifyError InternalError { get; } = new(20500, 500, "Internal Server Error");

    public static VerifyError ServiceUnavailable { get; } = new(20503, 503, "Service Unavailable");

    // Twilio documents no code for these two; 20415 and 20413 follow its 20<status> family (20404, 20429, 20500, 20503),
    // so a client that branches on the code still sees which status it was.
    public static VerifyError UnsupportedMediaType { get; } =
        new(20415, 415, "Unsupported Media Type: send application/x-www-form-urlencoded");

    public static VerifyError BodyTooLarge { get; } = new(20413, 413, "Request Entity Too Large");

    /// <summary>400 60200 for a request the framework could not read (a malformed form, a bad encoding).</summary>
    public static VerifyError InvalidRequest { get; } = new(60200, 400, "Invalid request");

    public static VerifyError MaxSendAttemptsReached { get; } = new(60203, 429, "Max send attempts reached");

    public static VerifyError FeatureNotSupported { get; } = new(60204, 403, "Service does not support this feature");

    public static VerifyError WebhookLimitReached { get; } = new(60200, 400, "Max Webhooks per Service reached");

    // The dictionary gives 60223 no status; the spec suggests 400 (a request the service's settings refuse, like
    // 60217), not the 403 that Authy answers for the same refusal.
    public static VerifyError DeliveryChannelDisabled { get; } = new(60223, 400, "Delivery channel disabled");

    public static VerifyError FactorVerificationFailed { get; } = new(60311, 403, "Factor verification failed");

    public static VerifyError UnauthorizedFactorCreation { get; } = new(60313, 403, "Unauthorized factor creation");

    public static VerifyError FactorBindingInvalid { get; } = new(60314, 400, "Factors binding format is invalid");

    public static VerifyError ChallengeAlreadyResponded { get; } = new(60322, 403, "Challenge already responded");

    public static VerifyError ChallengeVerificationFailed { get; } = new(60324, 403, "Challenge verification failed");

    // The dictionary gives 60410 no status; 403, as Twilio answers other refusals by policy (60204, 60205).
    public static VerifyError DeliveryAttemptBlocked { get; } = new(60410, 403, "Verification delivery attempt blocked");
}
