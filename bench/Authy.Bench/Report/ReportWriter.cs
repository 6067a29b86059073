using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Authy.Bench.Report;

/// <summary>Writes a run's results as JSON (for tools) and as Markdown tables (for docs/benchmarks.md and the console).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(BenchResults results, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "latest.json"), JsonSerializer.Serialize(results, Json) + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "latest.md"), Markdown(results), cancellationToken);
    }

    public static string TargetsTable(BenchResults results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Target | Limit | Measured | Result |");
        text.AppendLine("|---|---|---|---|");
        foreach (var target in results.Targets)
        {
            var verdict = target.Met switch { true => "met", false => "**missed**", null => "not measured" };
            text.AppendLine(Invariant($"| {target.Name} | {target.Limit} | {target.Measured} | {verdict} |"));
        }

        return text.ToString();
    }

    public static string Markdown(BenchResults r)
    {
        var text = new StringBuilder();
        var m = r.Machine;
        text.AppendLine(Invariant($"# Bench run {r.StartedAt:yyyy-MM-dd HH:mm} UTC ({r.Mode})"));
        text.AppendLine();
        text.AppendLine(Invariant($"`{r.Command}`, {r.TotalSeconds / 60:0.0} minutes."));
        text.AppendLine();
        text.AppendLine(Invariant($"Machine: {m.Cores} cores ({m.CpuModel}), {m.MemoryGiB:0.0} GiB, {m.Kernel}; .NET {m.Dotnet}; PostgreSQL {m.Postgres} ({string.Join(", ", m.PostgresSettings.Select(s => s.Key + "=" + s.Value))}); load average {m.LoadAverageAtStart:0.00} at start."));
        var s = r.Settings;
        text.AppendLine(Invariant($"Settings: {s.Concurrency} closed-loop workers, {s.WarmupSeconds:0} s warm-up + {s.DurationSeconds:0} s per phase, scale {s.SmallUsers:N0} vs {s.ScaleUsers:N0} users at {s.ScaleRate:0} verify/s."));
        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        text.Append(TargetsTable(r));
        text.AppendLine();
        text.AppendLine("## Phases");
        text.AppendLine();
        text.AppendLine("Latencies in ms, measured by the client from send to the last byte. `rate` phases start requests on a fixed schedule (open loop); their p99 counted from the scheduled start is in the last column.");
        text.AppendLine();
        text.AppendLine("| Phase | Request | Load | ok/s | mean | p50 | p90 | p99 | p99.9 | max | not 2xx | p99 from schedule |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var phase in r.Phases)
        {
            var load = phase.RatePerSecond is { } rate ? Invariant($"rate {rate:0}/s") : Invariant($"closed ×{phase.Concurrency}");
            foreach (var step in phase.Steps)
            {
                text.AppendLine(Invariant(
                    $"| {phase.Name} | {step.Name} | {load} | {step.SucceededPerSecond:0} | {step.MeanMs:0.00} | {step.P50Ms:0.00} | {step.P90Ms:0.00} | {step.P99Ms:0.00} | {step.P999Ms:0.00} | {step.MaxMs:0.0} | {(step.Errors.Length == 0 ? "—" : step.Errors)} | {(step.P99FromScheduleMs is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "")} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("## Where the CPU went");
        text.AppendLine();
        text.AppendLine("Cores busy on average during each phase (2 = the whole machine): the server process (or the floor app), PostgreSQL (postmaster and backends), this load generator, and everything else on the machine (noise). Both cover the whole phase, warm-up included; CPU per iteration is CPU time divided by all its iterations.");
        text.AppendLine();
        text.AppendLine("| Phase | server | PostgreSQL | client | other | server µs/iter | PostgreSQL µs/iter | server RSS peak MiB |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var phase in r.Phases)
        {
            var c = phase.Cpu;
            text.AppendLine(Invariant(
                $"| {phase.Name} | {c.ServerCores:0.00} | {c.PostgresCores:0.00} | {c.ClientCores:0.00} | {c.OtherCores:0.00} | {c.ServerMicrosPerIteration:0} | {c.PostgresMicrosPerIteration:0} | {(phase.PeakRssMiB is { } rss ? rss.ToString("0", CultureInfo.InvariantCulture) : "")} |"));
        }

        if (r.IdleServerCores is { } idle)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"With no request for 5 s, the server used {idle:0.000} cores after setup and {r.IdleAfterLoadServerCores ?? 0:0.000} cores after the load, when {r.PendingOutboxAfterLoad ?? 0:N0} queued messages were still waiting for the outbox dispatcher ({r.PendingOutboxAfterIdle ?? 0:N0} 5 s later)."));
        }

        if (r.Scale is { } scale)
        {
            text.AppendLine();
            text.AppendLine("## Scale");
            text.AppendLine();
            text.AppendLine(Invariant($"verify at {scale.RatePerSecond:0}/s with {scale.LargeUsers:N0} users against {scale.SmallUsers:N0}: p50 ×{scale.P50Ratio:0.00}, mean ×{scale.MeanRatio:0.00}, p99 ×{scale.P99Ratio:0.00}. Seeding took {scale.SeedDuration}; the database is {scale.DatabaseSize}."));
        }

        if (r.Delivery is { } d)
        {
            var b = d.Burst;
            var a = d.AtRate;
            text.AppendLine();
            text.AppendLine("## Delivery with a slow provider");
            text.AppendLine();
            text.AppendLine(Invariant($"One server node sends SMS through its `Http` provider to a fake provider in the bench that answers each message after {d.ProviderDelayMs:0} ms ({d.ServerSettings}). Each message goes to a different user; receipts are matched to requests by number."));
            text.AppendLine();
            text.AppendLine("| Part | Offered | Accepted (200) | Received by the provider | Rate | p50 | p99 | max |");
            text.AppendLine("|---|---|---|---|---|---|---|---|");
            text.AppendLine(Invariant($"| burst | {b.Requested:N0} as fast as accepted ({b.AcceptSeconds:0.0} s) | {b.Accepted:N0} | {b.Received:N0} in {b.WindowSeconds:0.0} s | {b.DeliveredPerSecond:0.0}/s (steady {b.SteadyPerSecond:0.0}/s) | | | |"));
            text.AppendLine(Invariant($"| fixed rate | {a.OfferedPerSecond:0}/s for {a.OfferedSeconds:0} s ({a.Requested:N0}) | {a.Accepted:N0} | {a.ReceivedInTime:N0} within {a.TimeoutSeconds:0} s, {a.NotReceivedInTime:N0} not | | {Ms(a.P50Ms)} | {Ms(a.P99Ms)} | {Ms(a.MaxMs)} |"));
            text.AppendLine();
            text.AppendLine("Latencies run from the client reading the 200 of sms/{id} to the provider receiving the message, for the messages received within the timeout only.");
        }

        if (r.StartToReadySeconds.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Start to ready");
            text.AppendLine();
            text.AppendLine("From process start (`dotnet Authy.Api.dll`, migrated database) to the first 200 from /health/ready: " + Seconds(r.StartToReadySeconds) + ".");
            text.AppendLine();
            text.AppendLine("Of which to the first 200 from /health/live (listening, no database): " + Seconds(r.StartToLiveSeconds) + ".");
        }

        foreach (var (phase, statements) in r.Statements)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"## Statements per iteration: {phase}"));
            text.AppendLine();
            text.AppendLine("From pg_stat_statements, reset before the phase; calls divided by the phase's iterations, warm-up included.");
            text.AppendLine();
            text.AppendLine("| calls/iter | mean ms | statement |");
            text.AppendLine("|---|---|---|");
            foreach (var statement in statements.Take(10))
            {
                text.AppendLine(Invariant($"| {statement.CallsPerIteration:0.00} | {statement.MeanMillis:0.000} | `{statement.Query.Replace("|", "\\|", StringComparison.Ordinal)}` |"));
            }
        }

        if (r.Notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Notes");
            text.AppendLine();
            foreach (var note in r.Notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : "—";

    private static string Seconds(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture) + " s"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
