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
        "api_errors", description: "Error answers of the Authy API by its error_code (docs/operations.md names the limits' codes).");

    private static readonly Counter<long> VerifyCacheLookups = Meter.CreateCounter<long>(
        "verify_cache", description: "verify's member cache (ADR 0021) by result: hit (accepted in one statement), fallback (cached, but the full path answered), miss.");

    private static readonly Counter<long> ThrottleHits = Meter.CreateCounter<long>(
        "throttle_hits", description: "Requests refused by a rate limit, by limit (see ThrottleLimits).");

    private static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>(
        "messages", description: "Outbox deliveries by channel, provider and outcome: delivered, retry, failed.");

    // The outbox's state as last sampled (OutboxSampler in Infrastructure); gauges read a snapshot rather than query the
    // database at scrape time, so a scrape costs nothing and cannot hang on a slow database.
    private static volatile OutboxSnapshot _outbox = new(new Dictionary<string, long>(), 0);

    private static readonly ObservableGauge<long> OutboxDepth = Meter.CreateObservableGauge(
        "outbox_depth",
        () => _outbox.PendingByChannel.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("channel", p.Key))),
        description: "Messages waiting in the outbox (pending, including those backing off before a retry), by channel.");

    private static readonly ObservableGauge<double> OutboxOldestAge = Meter.CreateObservableGauge(
        "outbox_oldest_age_seconds",
        () => _outbox.OldestPendingAgeSeconds,
        unit: "s",
        description: "Age of the oldest pending outbox message in seconds; 0 when the outbox is empty.");

    // This node's running dispatcher reports its sends in progress (OutboxDispatcher); none until it starts.
    private static volatile Func<IEnumerable<KeyValuePair<string, int>>>? _outboxInFlight;

    private static readonly ObservableGauge<int> OutboxInFlight = Meter.CreateObservableGauge(
        "outbox_in_flight",
        () => (_outboxInFlight?.Invoke() ?? []).Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("channel", c.Key))),
        description: "Sends this node's dispatcher has in progress, by channel. At Outbox:MaxInFlight the provider, not the server, sets the pace.");

    public static void Verification(string result) => Verifications.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void Approval(string outcome) => Approvals.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void ApiError(string errorCode) => ApiErrors.Add(1, new KeyValuePair<string, object?>("error_code", errorCode));

    public const string VerifyCacheHit = "hit";
    public const string VerifyCacheFallback = "fallback";
    public const string VerifyCacheMiss = "miss";

    public static void VerifyCache(string result) => VerifyCacheLookups.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void ThrottleHit(string limit) => ThrottleHits.Add(1, new KeyValuePair<string, object?>("limit", limit));

    /// <summary>Publishes a new outbox sample for the <c>outbox_depth</c> and <c>outbox_oldest_age_seconds</c> gauges.</summary>
    public static void OutboxSampled(OutboxSnapshot snapshot) => _outbox = snapshot;

    /// <summary>Makes <paramref name="source"/> (channel label → sends in progress) the <c>outbox_in_flight</c> gauge of this node.</summary>
    public static void OutboxInFlightFrom(Func<IEnumerable<KeyValuePair<string, int>>> source) => _outboxInFlight = source;

    public static void Message(string channel, string provider, string outcome) => MessagesSent.Add(
        1,
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("provider", provider),
        new KeyValuePair<string, object?>("outcome", outcome));
}

/// <summary>Pending outbox messages by channel label, and the age of the oldest of them.</summary>
public sealed record OutboxSnapshot(IReadOnlyDictionary<string, long> PendingByChannel, double OldestPendingAgeSeconds);

/// <summary>The <c>limit</c> label of <c>authy_throttle_hits</c>: one name per rate limit the server enforces.</summary>
public static class ThrottleLimits
{
    /// <summary>Codes sent to one member, or to one phone number across applications, per window (SMS, call, e-mail).</summary>
    public const string CodeSends = "code_sends";

    /// <summary>Wrong codes per member per window: verify is locked until the window ends.</summary>
    public const string VerifyFailures = "verify_failures";

    /// <summary>Phone verification starts per number per window.</summary>
    public const string PhoneVerificationSends = "phone_verification_sends";

    /// <summary>Device registrations per phone number per window.</summary>
    public const string DeviceRegistrations = "device_registrations";

    /// <summary>Sends to one number prefix per window (<c>Fraud:*</c>).</summary>
    public const string SendPrefix = "send_prefix";

    /// <summary>Sends to one number per window, across applications and routes (<c>Fraud:MaxSendsPerNumber</c>).</summary>
    public const string SendNumber = "send_number";

    /// <summary>Sends caused by requests without an API key, per client address (<c>Fraud:MaxUnauthenticatedSendsPerAddress</c>).</summary>
    public const string SendAddress = "send_address";

    /// <summary>An application's monthly cap on SMS and calls.</summary>
    public const string MonthlySendCap = "monthly_send_cap";
}
