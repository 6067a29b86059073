namespace Authy.Application.Outcomes;

/// <summary>
/// The coarse kind of a <see cref="Failure"/>: what a surface falls back on when its catalogue has nothing more precise
/// for the <see cref="Failure.Reason"/>.
/// </summary>
public enum FailureKind
{
    /// <summary>A value the caller sent cannot be used (<see cref="Failure.Field"/> names it).</summary>
    Invalid,

    /// <summary>What the request names does not exist, or not for this caller.</summary>
    NotFound,

    /// <summary>A code, signature or credential did not match.</summary>
    Rejected,

    /// <summary>The application's settings or the user's state do not allow it.</summary>
    Forbidden,

    /// <summary>The state of what the request acts on does not allow it.</summary>
    Conflict,

    /// <summary>A limit was reached; <see cref="Failure.RetryAfter"/> says when it lifts, when known.</summary>
    Throttled,
}

/// <summary>
/// Why a use case refused, precisely enough for any surface to answer as its clients expect (SMS turned off and calls
/// turned off are both <see cref="FailureKind.Forbidden"/>, and Authy answers them with different codes). Each surface maps every reason in its own catalogue; a switch over
/// this enum that misses one does not compile (CS8509 is an error).
/// </summary>
public enum FailureReason
{
    // Invalid
    MissingValue,
    InvalidValue,
    InvalidPhoneNumber,
    InvalidPublicKey,
    InvalidUser,
    InvalidWebhook,

    // NotFound
    UserNotFound,
    PhoneVerificationNotFound,
    ApprovalRequestNotFound,
    DeviceRegistrationNotFound,
    WebhookNotFound,

    // Rejected
    TokenIncorrect,
    TokenReused,
    PhoneVerificationCodeIncorrect,
    RegistrationCodeIncorrect,
    SignatureInvalid,
    ApplicationKeyInvalid,
    DashboardKeysNotSet,
    AccessKeyMissing,
    AccessKeyInvalid,
    SignatureNonceMissing,
    SignatureNonceReused,
    SignatureNonceOutOfWindow,

    // Forbidden
    SmsDisabled,
    CallsDisabled,
    CountryNotAllowed,
    CustomCodeDisallowed,
    CustomMessageDisallowed,
    ActionMessageDisallowed,
    GenericTokensDisabled,
    UserBlocked,

    // Conflict
    ApprovalRequestNotPending,
    UserHasNoEmail,
    WebhookLimitReached,

    // Throttled
    TooManyRequests,
    MonthlySmsLimitReached,
    MonthlyCallsLimitReached,
}

/// <summary>What is wrong with one value of a record the caller sent (a user, a webhook).</summary>
public enum ValueProblem
{
    /// <summary>Absent or blank.</summary>
    Missing,

    /// <summary>Present but not usable; <see cref="FieldProblem.Detail"/> may say why.</summary>
    Invalid,

    /// <summary>Well formed, but not one the server supports (a calling code it does not know).</summary>
    Unsupported,

    /// <summary>Longer than <see cref="FieldProblem.Limit"/> characters.</summary>
    TooLong,

    /// <summary>Names things the server does not know; <see cref="FieldProblem.Detail"/> lists them.</summary>
    Unknown,
}

/// <summary>One field of a refused record: the field as the use case's input names it, and its problem.</summary>
public sealed record FieldProblem(string Field, ValueProblem Problem)
{
    /// <summary>More about the problem, in plain words, when there is more to say (why a URL is refused…).</summary>
    public string? Detail { get; init; }

    /// <summary>The limit a <see cref="ValueProblem.TooLong"/> value passed.</summary>
    public int? Limit { get; init; }
}

/// <summary>
/// An expected refusal by a use case, without a wire format: no error code, no HTTP status, no parameter name of any
/// API. Fields are named as the use case's input names them (its property names, such as <c>CodeLength</c>); each
/// surface translates them to its own parameter names. Build one through <see cref="Failures"/>.
/// </summary>
public sealed record Failure
{
    internal Failure(FailureKind kind, FailureReason reason)
    {
        Kind = kind;
        Reason = reason;
    }

    public FailureKind Kind { get; }

    public FailureReason Reason { get; }

    /// <summary>For <see cref="FailureKind.Invalid"/> of one value: the field, as the use case's input names it.</summary>
    public string? Field { get; init; }

    /// <summary>For an invalid value: what a valid one looks like, in plain words ("must be 4 to 10 digits").</summary>
    public string? Requirement { get; init; }

    /// <summary>For an invalid record (<see cref="FailureReason.InvalidUser"/>, <see cref="FailureReason.InvalidWebhook"/>): each field's problem.</summary>
    public IReadOnlyList<FieldProblem> Fields { get; init; } = [];

    /// <summary>For <see cref="FailureKind.NotFound"/>: what was asked for, as a message may name it (an id, a formatted number).</summary>
    public string? Subject { get; init; }

    /// <summary>For <see cref="FailureKind.Throttled"/>: how long until the limit lifts, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For a limit on a count (<see cref="FailureReason.WebhookLimitReached"/>): the limit.</summary>
    public int? Limit { get; init; }
}
