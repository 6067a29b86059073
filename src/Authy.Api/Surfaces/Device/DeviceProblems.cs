using System.Text.Json;
using Authy.Api.Http;
using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Device;

/// <summary>
/// The device API's error catalogue: RFC 9457 problem details with a <c>code</c>. The codes are the device API's own
/// contract (docs/api.md); they were taken from Authy's numbering when the API was designed, so a code means the
/// same here as on the Authy routes, but this catalogue answers for the device API alone.
/// </summary>
internal static class DeviceProblems
{
    /// <summary>The device token is missing, malformed, expired, replayed or not signed by a registered device.</summary>
    public static IResult TokenInvalid => Problem("60101", 401, "The device token is missing, malformed, expired, replayed or not signed by a registered device");

    public static IResult BodyTooLarge => Problem("60002", 413, "Invalid request: the body is too large");

    /// <summary>
    /// The problem for a use case's failure. Fields are named as the device API's JSON names them (snake_case). No
    /// default arm: a new reason must be given its answer here (CS8509).
    /// </summary>
#pragma warning disable CS8524 // values outside the enum cannot be built (Failures makes every failure)
    public static IResult From(Failure failure) => failure.Reason switch
    {
        FailureReason.MissingValue => Problem("60004", 400, $"Invalid parameter: {FieldName(failure.Field!)} - Parameter is required"),
        FailureReason.InvalidValue => Problem("60004", 400, $"Invalid parameter: {FieldName(failure.Field!)} - {failure.Requirement}"),
        FailureReason.InvalidPhoneNumber => Problem("60033", 400, "Phone number is invalid"),
        FailureReason.InvalidPublicKey => Problem("60034", 400, "public_key must be a P-256 JWK: {\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":…,\"y\":…}"),
        FailureReason.DeviceRegistrationNotFound => Problem("60035", 404, "Device registration not found or expired"),
        FailureReason.RegistrationCodeIncorrect => Problem("60036", 401, "The registration code is incorrect"),
        FailureReason.ApprovalRequestNotFound => Problem("60049", 404, $"Approval request not found: {failure.Subject}"),
        FailureReason.ApprovalRequestNotPending => Problem("60079", 409, "The approval request was already answered or has expired"),
        FailureReason.SignatureInvalid => Problem("60087", 401, "The signature is invalid"),
        FailureReason.SmsDisabled => Problem("60007", 403, "SMS is not enabled"),
        FailureReason.CallsDisabled => Problem("60006", 403, "Phone calls are not enabled on this account"),
        FailureReason.CountryNotAllowed => Problem("60013", 403, "The application does not send to this country"),
        FailureReason.TooManyRequests => Throttled(failure.RetryAfter),
        FailureReason.UserBlocked => Problem("60107", 403, "User is blocked by the application"),
        // What the device API's use cases never return: the kind's plain answer, should one ever reach it.
        FailureReason.InvalidUser or FailureReason.InvalidWebhook => Problem("60004", 400, "Invalid request"),
        FailureReason.UserNotFound or FailureReason.PhoneVerificationNotFound or FailureReason.WebhookNotFound => Problem("60000", 404, "Not found"),
        FailureReason.TokenIncorrect or FailureReason.TokenReused or FailureReason.PhoneVerificationCodeIncorrect
            or FailureReason.ApplicationKeyInvalid or FailureReason.DashboardKeysNotSet or FailureReason.AccessKeyMissing
            or FailureReason.AccessKeyInvalid or FailureReason.SignatureNonceMissing or FailureReason.SignatureNonceReused
            or FailureReason.SignatureNonceOutOfWindow => Problem("60000", 401, "Unauthorized"),
        FailureReason.CustomCodeDisallowed or FailureReason.CustomMessageDisallowed or FailureReason.ActionMessageDisallowed
            or FailureReason.GenericTokensDisabled => Problem("60000", 403, "Forbidden"),
        FailureReason.UserHasNoEmail or FailureReason.WebhookLimitReached => Problem("60000", 409, "Conflict"),
        FailureReason.MonthlySmsLimitReached or FailureReason.MonthlyCallsLimitReached => Throttled(failure.RetryAfter),
    };
#pragma warning restore CS8524

    private static IResult Throttled(TimeSpan? retryAfter)
    {
        var problem = Problem("60003", 429, "DoS protection");
        return retryAfter is { } wait ? new RetryAfterResult(problem, wait) : problem;
    }

    private static string FieldName(string field) => JsonNamingPolicy.SnakeCaseLower.ConvertName(field);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string code, int status, string title) => TypedResults.Problem(
        statusCode: status,
        title: title,
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
