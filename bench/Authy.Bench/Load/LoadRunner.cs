using System.Diagnostics;

namespace Authy.Bench.Load;

/// <summary>One iteration of a workload: usually one request, for OneTouch a create followed by a status read.</summary>
public interface IScenario
{
    string Name { get; }

    Task RunOnceAsync(Probe probe, CancellationToken cancellationToken);
}

/// <summary>
/// How to load: <see cref="Concurrency"/> workers for <see cref="Warmup"/> (not recorded) and then
/// <see cref="Duration"/> (recorded). Without <see cref="RatePerSecond"/> the loop is closed: each worker starts its
/// next iteration as soon as the previous one answered, so the throughput found is the peak at that concurrency.
/// With it, iterations start on a fixed schedule (open loop) and the workers are only the most that may be in flight.
/// </summary>
public sealed record LoadPlan(int Concurrency, TimeSpan Warmup, TimeSpan Duration, double? RatePerSecond = null);

/// <summary>The merged outcome of a run.</summary>
public sealed record LoadRun(
    LoadPlan Plan,
    double MeasuredSeconds,
    long Iterations,
    long AllIterations,
    IReadOnlyDictionary<string, StepStats> Steps,
    LatencyHistogram ScheduleLag)
{
    public double IterationsPerSecond => Iterations / MeasuredSeconds;
}

public static class LoadRunner
{
    public static async Task<LoadRun> RunAsync(HttpClient http, IScenario scenario, LoadPlan plan, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(plan.Warmup);
        var measureUntil = measureFrom + Ticks(plan.Duration);
        var probes = Enumerable.Range(0, plan.Concurrency).Select(i => new Probe(http, i)).ToArray();
        var lags = probes.Select(_ => new LatencyHistogram()).ToArray();
        long nextSlot = -1;
        var interval = plan.RatePerSecond is { } rate ? Stopwatch.Frequency / rate : 0;

        async Task WorkAsync(Probe probe, LatencyHistogram lag)
        {
            // Yield first so that all workers start together rather than one after another on this thread.
            await Task.Yield();
            while (!cancellationToken.IsCancellationRequested)
            {
                long iterationStart;
                if (plan.RatePerSecond is null)
                {
                    iterationStart = Stopwatch.GetTimestamp();
                    if (iterationStart >= measureUntil)
                    {
                        return;
                    }

                    probe.ScheduledAt = null;
                }
                else
                {
                    var slot = Interlocked.Increment(ref nextSlot);
                    iterationStart = start + (long)(slot * interval);
                    if (iterationStart >= measureUntil)
                    {
                        return;
                    }

                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), iterationStart);
                    if (wait >= TimeSpan.FromMilliseconds(1))
                    {
                        // No spinning: on a two-core machine a spinning client would take CPU from the server it measures.
                        await Task.Delay(wait, cancellationToken);
                    }

                    probe.ScheduledAt = iterationStart;
                    if (iterationStart >= measureFrom)
                    {
                        lag.Record(Probe.Micros(iterationStart, Math.Max(iterationStart, Stopwatch.GetTimestamp())));
                    }
                }

                probe.Recording = iterationStart >= measureFrom;
                await scenario.RunOnceAsync(probe, cancellationToken);
                probe.AllIterations++;
                if (probe.Recording)
                {
                    probe.Iterations++;
                }
            }
        }

        await Task.WhenAll(probes.Select((probe, i) => WorkAsync(probe, lags[i])));

        var steps = new Dictionary<string, StepStats>(StringComparer.Ordinal);
        foreach (var (name, stats) in probes.SelectMany(p => p.Steps))
        {
            if (!steps.TryGetValue(name, out var merged))
            {
                merged = new StepStats();
                steps[name] = merged;
            }

            merged.Add(stats);
        }

        var lagAll = new LatencyHistogram();
        foreach (var lag in lags)
        {
            lagAll.Add(lag);
        }

        return new LoadRun(plan, plan.Duration.TotalSeconds, probes.Sum(p => p.Iterations), probes.Sum(p => p.AllIterations), steps, lagAll);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
