using System.Diagnostics.Metrics;

namespace Authy.Application.Observability;

/// <summary>
/// The server's own counters, on the BCL's <see cref="Meter"/> so the use cases depend on no metrics library; the Api
/// publishes them at <c>/metrics</c> in Prometheus format, prefixed with the meter's name (<c>authy_verifications</c>;
/// docs/operations.md lists them). Labels carry outcomes and
/// channels only: never an application key, a user, a number or a code.
/// </summary>
public static class AuthyMetrics
{
    public const string MeterName = "Authy";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Verifications = Meter.CreateCounter<long>(
        "verifications", description: "Token verifications by result: valid, invalid, reused, locked, not_checked.");

    private static readonly Counter<long> Approvals = Meter.CreateCounter<long>(
        "approvals", description: "OneTouch decisions by outcome: approved, denied.");

    private static readonly Counter<long> ApiErrors = Meter.CreateCounter<long>(
        "api_errors", description: "Authy error answers by error_code; 60003 (DoS protection), 60009/60011 (monthly cap) and 60013 (country) are the limits.");

    private static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>(
        "messages", description: "Outbox deliveries by channel, provider and outcome: delivered, retry, failed.");

    public static void Verification(string result) => Verifications.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void Approval(string outcome) => Approvals.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void ApiError(string errorCode) => ApiErrors.Add(1, new KeyValuePair<string, object?>("error_code", errorCode));

    public static void Message(string channel, string provider, string outcome) => MessagesSent.Add(
        1,
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("provider", provider),
        new KeyValuePair<string, object?>("outcome", outcome));
}
