using System.Globalization;
using System.Text.Json;
using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// The one place where Authy error codes, statuses and messages are written, and where the application's wire-neutral
/// failures become them (<see cref="From"/>). Messages the official clients compare byte for byte (spec §1.6, §2) are
/// kept exactly.
/// </summary>
internal static class AuthyErrors
{
    /// <summary>
    /// The Authy answer to <paramref name="failure"/>. Fields are named by the use cases' input properties
    /// (<c>CodeLength</c>); Authy's parameters are their snake_case (<c>code_length</c>).
    /// </summary>
    // No default arm: a reason missing here fails the build (CS8509). Values outside the enum cannot be built
    // (Failures makes every failure), so the compiler's reminder about them (CS8524) is off for this switch.
#pragma warning disable CS8524
    public static AuthyError From(Failure failure) => failure.Reason switch
    {
        FailureReason.MissingValue => MissingParameter(ParameterName(failure.Field!)),
        FailureReason.InvalidValue => InvalidParameter(ParameterName(failure.Field!), failure.Requirement!),
        FailureReason.InvalidPhoneNumber => InvalidPhoneNumber,
        FailureReason.InvalidPublicKey => InvalidPublicKey,
        FailureReason.InvalidUser => UserNotValid([.. failure.Fields.Select(UserField)]),
        FailureReason.InvalidWebhook => WebhookNotValid([.. failure.Fields.Select(WebhookField)]),
        FailureReason.UserNotFound => UserNotFound,
        FailureReason.PhoneVerificationNotFound => PhoneVerificationNotFound(failure.Subject!),
        FailureReason.ApprovalRequestNotFound => ApprovalRequestNotFound(failure.Subject!),
        FailureReason.DeviceRegistrationNotFound => RegistrationNotFound,
        FailureReason.WebhookNotFound => WebhookNotFound,
        FailureReason.TokenIncorrect => TokenInvalid,
        FailureReason.TokenReused => TokenReused,
        FailureReason.PhoneVerificationCodeIncorrect => PhoneVerificationIncorrect,
        FailureReason.RegistrationCodeIncorrect => RegistrationInvalidCode,
        FailureReason.SignatureInvalid => InvalidSignature,
        FailureReason.ApplicationKeyInvalid => InvalidApplicationApiKey,
        FailureReason.DashboardKeysNotSet => DashboardKeysNotSet,
        FailureReason.AccessKeyMissing => AccessKeyMissing,
        FailureReason.AccessKeyInvalid => InvalidAccessKey,
        FailureReason.SignatureNonceMissing => SignatureNonceMissing,
        FailureReason.SignatureNonceReused => SignatureNonceReused,
        FailureReason.SignatureNonceOutOfWindow => SignatureNonceOutOfWindow,
        FailureReason.SmsDisabled => SmsDisabled,
        FailureReason.CallsDisabled => CallsDisabled,
        FailureReason.CountryNotAllowed => CountryNotAllowed,
        FailureReason.CustomCodeDisallowed => CustomCodeDisallowed,
        FailureReason.CustomMessageDisallowed => CustomMessageDisallowed,
        FailureReason.ActionMessageDisallowed => ActionMessageDisallowed,
        FailureReason.GenericTokensDisabled => GenericTokensDisabled,
        FailureReason.UserBlocked => UserBlocked,
        FailureReason.ApprovalRequestNotPending => ApprovalRequestNotPending,
        FailureReason.UserHasNoEmail => UserHasNoEmail,
        FailureReason.WebhookLimitReached => WebhookLimitReached(failure.Limit!.Value),
        FailureReason.TooManyRequests => failure.RetryAfter is { } wait ? Throttled(wait) : DosProtection,
        FailureReason.MonthlySmsLimitReached => MonthlySmsLimitReached,
        FailureReason.MonthlyCallsLimitReached => MonthlyCallsLimitReached,
    };
#pragma warning restore CS8524

    /// <summary>Authy's name for a use case's input property: <c>SecondsToExpire</c> is <c>seconds_to_expire</c>.</summary>
    public static string ParameterName(string field) => JsonNamingPolicy.SnakeCaseLower.ConvertName(field);

    // users/new answers Rails-style field messages.
    private static KeyValuePair<string, string> UserField(FieldProblem field) => new(ParameterName(field.Field), field.Problem switch
    {
        ValueProblem.Missing => "is invalid and can't be blank",
        ValueProblem.Unsupported => "is not supported",
        _ => "is invalid",
    });

    private static KeyValuePair<string, string> WebhookField(FieldProblem field) => new(ParameterName(field.Field), field.Problem switch
    {
        ValueProblem.Missing => "can't be blank",
        ValueProblem.TooLong => string.Create(CultureInfo.InvariantCulture, $"is too long (maximum is {field.Limit} characters)"),
        ValueProblem.Unknown => $"has unknown {ParameterName(field.Field)}: {field.Detail}",
        _ => field.Detail ?? "is invalid",
    });

    public static AuthyError InvalidApiKey { get; } = new("60001", 401, "Invalid API key");

    public static AuthyError DosProtection { get; } = new("60003", 429, "DoS protection");

    /// <summary>429 60003 from a limit that lifts after <paramref name="retryAfter"/> (<c>Retry-After</c>).</summary>
    public static AuthyError Throttled(TimeSpan retryAfter) => DosProtection with { RetryAfter = retryAfter };

    public static AuthyError InvalidEncoding { get; } = new("60005", 400, "UTF-8 invalid");

    // The texts api.authy.com answered for an application with the channel turned off.
    public static AuthyError CallsDisabled { get; } = new("60006", 403, "Phone calls are not enabled on this account");

    public static AuthyError SmsDisabled { get; } = new("60007", 403, "SMS is not enabled");

    public static AuthyError MonthlySmsLimitReached { get; } = new("60009", 429, "The application's monthly SMS limit was reached");

    public static AuthyError MonthlyCallsLimitReached { get; } = new("60011", 429, "The application's monthly call limit was reached");

    public static AuthyError CountryNotAllowed { get; } = new("60013", 403, "The application does not send to this country");

    public static AuthyError TokenReused { get; } = new("60019", 401, "Token is invalid. Token was used recently.");

    public static AuthyError TokenInvalid { get; } = new("60020", 401, "Token is invalid")
    {
        TopLevel = [new("token", "is invalid")],
    };

    public static AuthyError PhoneVerificationIncorrect { get; } = new("60022", 401, "Verification code is incorrect");

    /// <summary>404 60023, naming the number as Authy did: <c>No pending verifications for +1 201-555-0123 found.</c></summary>
    public static AuthyError PhoneVerificationNotFound(string formattedPhone) =>
        new("60023", 404, $"No pending verifications for {formattedPhone} found.");

    public static AuthyError CustomCodeDisallowed { get; } = new("60031", 403, "Custom codes are not enabled for this application");

    /// <summary>403 for <c>action_message</c> when the application turned free text off (<c>ActionMessageAllowed</c>).</summary>
    public static AuthyError ActionMessageDisallowed { get; } = new("60091", 403, "Action messages are not enabled for this application");

    public static AuthyError CustomMessageDisallowed { get; } = new("60091", 403, "Custom messages are not enabled for this application");

    public static AuthyError UserNotFound { get; } = new("60026", 404, "User not found.");

    public static AuthyError InvalidPhoneNumber { get; } = new("60033", 400, "Phone number is invalid");

    public static AuthyError UserHasNoEmail { get; } = new("60038", 400, "User has no e-mail address");

    public static AuthyError GenericTokensDisabled { get; } = new("60123", 403, "Generic authenticator tokens are disabled for this application");

    public static AuthyError RegistrationNotFound { get; } = new("60035", 404, "Device registration not found or expired");

    public static AuthyError RegistrationInvalidCode { get; } = new("60036", 401, "The registration code is incorrect");

    public static AuthyError InvalidPublicKey { get; } = new("60034", 400, "public_key must be a P-256 JWK: {\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":…,\"y\":…}");

    public static AuthyError DeviceTokenInvalid { get; } = new("60101", 401, "The device token is missing, malformed, expired, replayed or not signed by a registered device");

    public static AuthyError ApprovalRequestNotPending { get; } = new("60079", 409, "The approval request was already answered or has expired");

    public static AuthyError InvalidSignature { get; } = new("60087", 401, "The signature is invalid");

    /// <summary>404 60049 with Authy's exact body: the uuid in the message and an empty <c>errors</c>.</summary>
    public static AuthyError ApprovalRequestNotFound(string uuid) =>
        new("60049", 404, $"Approval request not found: {uuid}") { ErrorsRepeatMessage = false };

    public static AuthyError UserBlocked { get; } = new("60107", 403, "User is blocked by the application");

    public static AuthyError RouteNotFound { get; } = new("60000", 404, "Resource not found");

    public static AuthyError MethodNotAllowed { get; } = new("60000", 405, "HTTP method not allowed for this resource");

    public static AuthyError InternalError { get; } = new("60000", 500, "An error occurred");

    public static AuthyError ServiceUnavailable { get; } = new("60000", 503, "Service unavailable, try again later");

    public static AuthyError InvalidJson { get; } = new("60002", 400, "Invalid request: the body is not valid JSON");

    public static AuthyError UnsupportedMediaType { get; } = new("60002", 415, "Invalid request: send application/x-www-form-urlencoded or application/json");

    public static AuthyError BodyTooLarge { get; } = new("60002", 413, "Invalid request: the body is too large");

    /// <summary>60004 for a parameter that is absent or blank.</summary>
    public static AuthyError MissingParameter(string name) =>
        new("60004", 400, string.Create(CultureInfo.InvariantCulture, $"Invalid parameter: {name} - Parameter is required"));

    /// <summary>60004 for a parameter that is present but unusable.</summary>
    public static AuthyError InvalidParameter(string name, string reason) =>
        new("60004", 400, string.Create(CultureInfo.InvariantCulture, $"Invalid parameter: {name} - {reason}"));

    /// <summary>60027 with field errors duplicated at the top level, as the real API answers users/new.</summary>
    public static AuthyError UserNotValid(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        new("60027", 400, "User was not valid") { Fields = fields };

    // ---- Webhooks API (spec §3.18; codes from authy-java's enum, texts ours) ----

    /// <summary>60073: <c>app_api_key</c> missing or unknown.</summary>
    public static AuthyError InvalidApplicationApiKey { get; } = new("60073", 401, "Invalid application API key");

    /// <summary>60069: the application was created before webhooks and has no access key or API signing key yet.</summary>
    public static AuthyError DashboardKeysNotSet { get; } = new("60069", 401, "Access key error: the application has no access key or API signing key yet");

    /// <summary>60071: <c>access_key</c> missing.</summary>
    public static AuthyError AccessKeyMissing { get; } = new("60071", 401, "Access key not found");

    public static AuthyError InvalidAccessKey { get; } = new("60072", 401, "Invalid access key");

    public static AuthyError SignatureNonceMissing { get; } = new("60087", 401, "Invalid signature: X-Authy-Signature-Nonce is missing or longer than 255 characters");

    public static AuthyError SignatureNonceReused { get; } = new("60087", 401, "Invalid signature: the nonce was already used");

    public static AuthyError SignatureNonceOutOfWindow { get; } = new("60087", 401, "Invalid signature: the nonce's timestamp is too far from the server's time");

    /// <summary>60098 with field errors duplicated at the top level, like <see cref="UserNotValid"/>.</summary>
    public static AuthyError WebhookNotValid(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        new("60098", 400, "Webhook was not valid") { Fields = fields };

    public static AuthyError WebhookLimitReached(int limit) =>
        new("60098", 400, string.Create(CultureInfo.InvariantCulture, $"Webhook was not valid: an application can have at most {limit} webhooks"));

    public static AuthyError WebhookNotFound { get; } = new("60100", 404, "Webhook not found");
}
