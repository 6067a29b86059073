using Authy.Bench.Load;
using Authy.Bench.Measure;
using Authy.Bench.Setup;

namespace Authy.Bench.Report;

/// <summary>Everything a run measured: what latest.json holds and latest.md shows.</summary>
public sealed class BenchResults
{
    public DateTimeOffset StartedAt { get; init; }

    public required string Mode { get; init; }

    public required string Command { get; init; }

    public required MachineInfo Machine { get; init; }

    public required RunSettings Settings { get; init; }

    public List<PhaseResult> Phases { get; } = [];

    public ScaleResult? Scale { get; set; }

    public DeliveryResult? Delivery { get; set; }

    public double? PeakRssMiB { get; set; }

    /// <summary>CPU the server used with no request for 5 s right after setup (cores).</summary>
    public double? IdleServerCores { get; set; }

    /// <summary>The same after the last load phase.</summary>
    public double? IdleAfterLoadServerCores { get; set; }

    /// <summary>Outbox rows not yet sent when the load ended, and 5 s later.</summary>
    public long? PendingOutboxAfterLoad { get; set; }

    public long? PendingOutboxAfterIdle { get; set; }

    public List<double> StartToReadySeconds { get; } = [];

    /// <summary>Process start to the first 200 from /health/live (listening; no database involved).</summary>
    public List<double> StartToLiveSeconds { get; } = [];

    public Dictionary<string, List<StatementStats>> Statements { get; } = new(StringComparer.Ordinal);

    public List<TargetResult> Targets { get; } = [];

    public List<string> Notes { get; } = [];

    public double TotalSeconds { get; set; }

    public PhaseResult? Phase(string name) => Phases.FirstOrDefault(p => p.Name == name);
}

public sealed record MachineInfo(int Cores, double MemoryGiB, string CpuModel, string Kernel, string Dotnet, string Postgres, IReadOnlyDictionary<string, string> PostgresSettings, double LoadAverageAtStart);

public sealed record RunSettings(int Concurrency, double WarmupSeconds, double DurationSeconds, int SmallUsers, int ScaleUsers, double ScaleRate, int Starts);

/// <summary>One request type within a phase. Times are milliseconds.</summary>
public sealed record StepResult(
    string Name,
    long Requests,
    long Succeeded,
    double SucceededPerSecond,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double? P99FromScheduleMs,
    IReadOnlyDictionary<string, long> Outcomes)
{
    public static StepResult From(string name, StepStats stats, double seconds, bool scheduled) => new(
        name,
        stats.Outcomes.Where(o => !o.Key.StartsWith("skipped:", StringComparison.Ordinal)).Sum(o => o.Value),
        stats.Outcomes.Where(o => IsSuccess(o.Key)).Sum(o => o.Value),
        stats.Outcomes.Where(o => IsSuccess(o.Key)).Sum(o => o.Value) / seconds,
        stats.Latency.MeanMicros / 1000.0,
        stats.Latency.ValueAt(50) / 1000.0,
        stats.Latency.ValueAt(90) / 1000.0,
        stats.Latency.ValueAt(99) / 1000.0,
        stats.Latency.ValueAt(99.9) / 1000.0,
        stats.Latency.MaxMicros / 1000.0,
        scheduled ? stats.FromSchedule.ValueAt(99) / 1000.0 : null,
        stats.Outcomes);

    private static bool IsSuccess(string outcome) => outcome.Length == 3 && outcome[0] == '2';

    /// <summary>Every outcome other than a 2xx answer, e.g. <c>429×12</c>.</summary>
    public string Errors => string.Join(
        ", ",
        Outcomes.Where(o => !IsSuccess(o.Key)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}×{o.Value}"));
}

/// <summary>A phase: one scenario against one process, closed-loop or at a fixed rate.</summary>
public sealed record PhaseResult(
    string Name,
    string Description,
    string Target,
    int Concurrency,
    double? RatePerSecond,
    double Seconds,
    long Iterations,
    double IterationsPerSecond,
    IReadOnlyList<StepResult> Steps,
    CpuUse Cpu,
    double? PeakRssMiB,
    double? ScheduleLagP99Ms)
{
    public StepResult Main => Steps[0];
}

public sealed record ScaleResult(int SmallUsers, int LargeUsers, double RatePerSecond, double P50Ratio, double P99Ratio, double MeanRatio, string SeedDuration, string DatabaseSize);

public sealed record TargetResult(string Name, string Limit, string Measured, bool? Met, string How);

/// <summary>The delivery phase: sms/{id} to a provider that answers after <c>ProviderDelayMs</c>, one server node.</summary>
public sealed record DeliveryResult(double ProviderDelayMs, string ServerSettings, DeliveryBurst Burst, DeliveryAtRate AtRate);

/// <summary>
/// A burst of sms/{id}: <c>Received</c> of the accepted messages reached the provider within <c>WindowSeconds</c> from
/// the first request (to the last receipt when all arrived, else to the timeout); <c>DeliveredPerSecond</c> is
/// Received / WindowSeconds, <c>SteadyPerSecond</c> the rate between the first and the last receipt.
/// </summary>
public sealed record DeliveryBurst(int Requested, int Accepted, int Refused, double AcceptSeconds, int Received, double WindowSeconds, double DeliveredPerSecond, double SteadyPerSecond);

/// <summary>sms/{id} at a fixed offered rate; latencies in ms from the 200 to the provider's receipt, within the timeout.</summary>
public sealed record DeliveryAtRate(
    double OfferedPerSecond,
    double OfferedSeconds,
    int Requested,
    int Accepted,
    int Refused,
    int LateStarts,
    int ReceivedInTime,
    int NotReceivedInTime,
    double TimeoutSeconds,
    double? P50Ms,
    double? P99Ms,
    double? MaxMs,
    int UnmatchedReceipts);
