using System.Diagnostics;

namespace Authy.Bench.Load;

/// <summary>What one named request of a scenario did: its latencies and its outcomes by status.</summary>
public sealed class StepStats
{
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Latency counted from the slot's scheduled start (fixed-rate runs only), so a late start counts too.</summary>
    public LatencyHistogram FromSchedule { get; } = new();

    /// <summary>
    /// HTTP status (<c>200</c>; with Authy's error code for errors: <c>401 60019</c>), <c>error:&lt;exception&gt;</c>,
    /// or <c>skipped:&lt;reason&gt;</c>.
    /// </summary>
    public Dictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public void Add(StepStats other)
    {
        Latency.Add(other.Latency);
        FromSchedule.Add(other.FromSchedule);
        foreach (var (outcome, count) in other.Outcomes)
        {
            Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + count;
        }
    }

    public void Count(string outcome) => Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
}

/// <summary>A response as a scenario sees it; <see cref="Body"/> is read only when asked for.</summary>
public readonly record struct ProbeResponse(int Status, string? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// One worker's view of the load: it sends a scenario's requests, times each one and counts its outcome. Every worker
/// has its own, so recording needs no locks; the runner merges them at the end.
/// </summary>
public sealed partial class Probe(HttpClient http, int worker)
{
    private readonly Dictionary<string, StepStats> _steps = new(StringComparer.Ordinal);

    public int Worker { get; } = worker;

    /// <summary>False during the warm-up: requests are sent but not recorded.</summary>
    internal bool Recording { get; set; }

    /// <summary>The scheduled start of the current iteration in a fixed-rate run (a Stopwatch timestamp), else null.</summary>
    internal long? ScheduledAt { get; set; }

    internal long Iterations { get; set; }

    /// <summary>Iterations including the warm-up's.</summary>
    internal long AllIterations { get; set; }

    internal IReadOnlyDictionary<string, StepStats> Steps => _steps;

    public async Task<ProbeResponse> SendAsync(string step, HttpRequestMessage request, bool readBody, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string outcome;
        ProbeResponse result;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            var body = readBody || status >= 400 ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
            outcome = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (status >= 400 && body is not null && ErrorCode().Match(body) is { Success: true } code)
            {
                // Authy's error code tells a reused code (60019) from a wrong one (60020) or a throttle (60003).
                outcome += " " + code.Groups[1].Value;
            }

            result = new ProbeResponse(status, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            outcome = "error:" + ex.GetType().Name;
            result = new ProbeResponse(0, null);
        }
        finally
        {
            request.Dispose();
        }

        var finished = Stopwatch.GetTimestamp();
        if (Recording)
        {
            var stats = StatsFor(step);
            stats.Latency.Record(Micros(started, finished));
            if (ScheduledAt is { } scheduled)
            {
                stats.FromSchedule.Record(Micros(scheduled, finished));
            }

            stats.Count(outcome);
        }

        return result;
    }

    /// <summary>Counts a request the scenario could not send (for example, no unused code left for any user).</summary>
    public void Skip(string step, string reason)
    {
        if (Recording)
        {
            StatsFor(step).Count("skipped:" + reason);
        }
    }

    private StepStats StatsFor(string step)
    {
        if (!_steps.TryGetValue(step, out var stats))
        {
            stats = new StepStats();
            _steps[step] = stats;
        }

        return stats;
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"error_code\"\\s*:\\s*\"?(\\d+)")]
    private static partial System.Text.RegularExpressions.Regex ErrorCode();

    internal static long Micros(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMicroseconds;
}
