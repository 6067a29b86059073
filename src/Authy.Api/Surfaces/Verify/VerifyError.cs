using System.Globalization;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// An expected failure, written on the wire as Twilio's error body:
/// <c>{"code":60200,"message":"Invalid parameter: To","more_info":"https://www.twilio.com/docs/errors/60200","status":400}</c>.
/// </summary>
/// <param name="Code">Twilio's five-digit error code, written as a number.</param>
/// <param name="Status">The HTTP status, repeated in the body.</param>
/// <param name="Message">The message, verbatim as Twilio words it (clients show it; python prefixes it itself).</param>
internal sealed record VerifyError(int Code, int Status, string Message)
{
    /// <summary>The string Twilio adds to its 401s (<c>"Your AccountSid or AuthToken was incorrect."</c>).</summary>
    public string? Detail { get; init; }

    /// <summary>An optional object every helper library surfaces (<c>RestException.details</c>): here, each field's problem.</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>For a refusal by a limit: how long until it lifts, sent as <c>Retry-After</c> (whole seconds, rounded up).</summary>
    public TimeSpan? RetryAfter { get; init; }

    // No library fetches it, so Twilio's own page for the code is the most useful place to point.
    public string MoreInfo => string.Create(CultureInfo.InvariantCulture, $"https://www.twilio.com/docs/errors/{Code}");
}
