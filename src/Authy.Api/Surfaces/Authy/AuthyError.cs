namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// An expected failure, written on the wire as Authy's error body:
/// <c>{"message":…,"success":false,"errors":{"message":…},"error_code":"600xx"}</c>.
/// </summary>
/// <param name="Code">Authy's error code, always written as a string (Java clients call <c>getString</c>).</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Message">The human-readable message.</param>
internal sealed record AuthyError(string Code, int Status, string Message)
{
    /// <summary>Field errors (<c>"cellphone":"is invalid"</c>): written both at the top level and inside <c>errors</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    /// <summary>Whether <c>errors</c> repeats the message; Authy's 60049 answers <c>"errors":{}</c>.</summary>
    public bool ErrorsRepeatMessage { get; init; } = true;

    /// <summary>Extra top-level members only (60020 carries <c>"token":"is invalid"</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TopLevel { get; init; } = [];

    /// <summary>For a refusal by a limit: how long until it lifts, sent as <c>Retry-After</c> (whole seconds, rounded up).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
