namespace Authy.Application.Outcomes;

/// <summary>Every failure a use case returns, each with its kind fixed here once.</summary>
public static class Failures
{
    // ---- Invalid ----

    /// <summary>A value the use case needs is absent or blank.</summary>
    public static Failure Missing(string field) => new(FailureKind.Invalid, FailureReason.MissingValue) { Field = field };

    /// <summary>A value is present but unusable; <paramref name="requirement"/> says what it must be.</summary>
    public static Failure Invalid(string field, string requirement) =>
        new(FailureKind.Invalid, FailureReason.InvalidValue) { Field = field, Requirement = requirement };

    public static Failure InvalidPhoneNumber { get; } = new(FailureKind.Invalid, FailureReason.InvalidPhoneNumber);

    public static Failure InvalidPublicKey { get; } = new(FailureKind.Invalid, FailureReason.InvalidPublicKey) { Field = "PublicKey" };

    public static Failure InvalidUser(IReadOnlyList<FieldProblem> fields) =>
        new(FailureKind.Invalid, FailureReason.InvalidUser) { Fields = fields };

    public static Failure InvalidWebhook(IReadOnlyList<FieldProblem> fields) =>
        new(FailureKind.Invalid, FailureReason.InvalidWebhook) { Fields = fields };

    // ---- NotFound ----

    public static Failure UserNotFound { get; } = new(FailureKind.NotFound, FailureReason.UserNotFound);

    /// <summary>No pending verification for the number, given as messages name it (<c>+1 201-555-0123</c>).</summary>
    public static Failure PhoneVerificationNotFound(string formattedPhone) =>
        new(FailureKind.NotFound, FailureReason.PhoneVerificationNotFound) { Subject = formattedPhone };

    public static Failure ApprovalRequestNotFound(string uuid) =>
        new(FailureKind.NotFound, FailureReason.ApprovalRequestNotFound) { Subject = uuid };

    public static Failure DeviceRegistrationNotFound { get; } = new(FailureKind.NotFound, FailureReason.DeviceRegistrationNotFound);

    public static Failure WebhookNotFound { get; } = new(FailureKind.NotFound, FailureReason.WebhookNotFound);

    // ---- Rejected ----

    /// <summary>The one-time code is malformed or matches no step the server accepts.</summary>
    public static Failure TokenIncorrect { get; } = new(FailureKind.Rejected, FailureReason.TokenIncorrect);

    /// <summary>The code matches, but its step is at or before the last one accepted.</summary>
    public static Failure TokenReused { get; } = new(FailureKind.Rejected, FailureReason.TokenReused);

    public static Failure PhoneVerificationCodeIncorrect { get; } = new(FailureKind.Rejected, FailureReason.PhoneVerificationCodeIncorrect);

    public static Failure RegistrationCodeIncorrect { get; } = new(FailureKind.Rejected, FailureReason.RegistrationCodeIncorrect);

    public static Failure SignatureInvalid { get; } = new(FailureKind.Rejected, FailureReason.SignatureInvalid);

    public static Failure ApplicationKeyInvalid { get; } = new(FailureKind.Rejected, FailureReason.ApplicationKeyInvalid);

    /// <summary>The application was created before it had dashboard keys (an access key and a signing key).</summary>
    public static Failure DashboardKeysNotSet { get; } = new(FailureKind.Rejected, FailureReason.DashboardKeysNotSet);

    public static Failure AccessKeyMissing { get; } = new(FailureKind.Rejected, FailureReason.AccessKeyMissing);

    public static Failure AccessKeyInvalid { get; } = new(FailureKind.Rejected, FailureReason.AccessKeyInvalid);

    public static Failure SignatureNonceMissing { get; } = new(FailureKind.Rejected, FailureReason.SignatureNonceMissing);

    public static Failure SignatureNonceReused { get; } = new(FailureKind.Rejected, FailureReason.SignatureNonceReused);

    public static Failure SignatureNonceOutOfWindow { get; } = new(FailureKind.Rejected, FailureReason.SignatureNonceOutOfWindow);

    // ---- Forbidden ----

    public static Failure SmsDisabled { get; } = new(FailureKind.Forbidden, FailureReason.SmsDisabled);

    public static Failure CallsDisabled { get; } = new(FailureKind.Forbidden, FailureReason.CallsDisabled);

    public static Failure CountryNotAllowed { get; } = new(FailureKind.Forbidden, FailureReason.CountryNotAllowed);

    public static Failure CustomCodeDisallowed { get; } = new(FailureKind.Forbidden, FailureReason.CustomCodeDisallowed);

    public static Failure CustomMessageDisallowed { get; } = new(FailureKind.Forbidden, FailureReason.CustomMessageDisallowed);

    public static Failure ActionMessageDisallowed { get; } = new(FailureKind.Forbidden, FailureReason.ActionMessageDisallowed);

    public static Failure GenericTokensDisabled { get; } = new(FailureKind.Forbidden, FailureReason.GenericTokensDisabled);

    /// <summary>The application banned the user.</summary>
    public static Failure UserBlocked { get; } = new(FailureKind.Forbidden, FailureReason.UserBlocked);

    // ---- Conflict ----

    /// <summary>The approval request was already answered or has expired.</summary>
    public static Failure ApprovalRequestNotPending { get; } = new(FailureKind.Conflict, FailureReason.ApprovalRequestNotPending);

    public static Failure UserHasNoEmail { get; } = new(FailureKind.Conflict, FailureReason.UserHasNoEmail);

    public static Failure WebhookLimitReached(int limit) =>
        new(FailureKind.Conflict, FailureReason.WebhookLimitReached) { Limit = limit };

    // ---- Throttled ----

    /// <summary>A rate limit that lifts after <paramref name="retryAfter"/>.</summary>
    public static Failure Throttled(TimeSpan retryAfter) =>
        new(FailureKind.Throttled, FailureReason.TooManyRequests) { RetryAfter = retryAfter };

    public static Failure MonthlySmsLimitReached { get; } = new(FailureKind.Throttled, FailureReason.MonthlySmsLimitReached);

    public static Failure MonthlyCallsLimitReached { get; } = new(FailureKind.Throttled, FailureReason.MonthlyCallsLimitReached);
}
