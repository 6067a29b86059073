using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Authy.Bench.Report;
using Authy.Bench.Scenarios;

namespace Authy.Bench.Delivery;

/// <summary>One bench user for the delivery phase: its Authy id and the number the provider sees (E.164).</summary>
public sealed record DeliveryUser(long AuthyId, string E164);

/// <summary>
/// sms/{id} through to a slow provider: a burst queued as fast as the server accepts it, then a fixed offered rate.
/// Each message goes to a different user, so every receipt matches exactly one accepted request by its <c>to</c>.
/// </summary>
public sealed class DeliveryPhase(HttpClient http, string apiKey, FakeSmsProvider provider, int inFlight, TextWriter log)
{
    /// <summary>
    /// Sends one request per user with at most <c>inFlight</c> outstanding, then waits until the
    /// provider got every accepted message or <paramref name="timeout"/> after the last acceptance.
    /// </summary>
    public async Task<DeliveryBurst> BurstAsync(IReadOnlyList<DeliveryUser> users, TimeSpan timeout, CancellationToken cancellationToken)
    {
        provider.Drain();
        var accepted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var refused = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (user, ct) =>
        {
            if (await SendAsync(user, ct) is { } at)
            {
                accepted[user.E164] = at;
            }
            else
            {
                Interlocked.Increment(ref refused);
            }
        });
        var acceptSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var receipts = await WaitAsync(accepted, Stopwatch.GetTimestamp() + Ticks(timeout), cancellationToken);
        var matched = receipts.Where(r => accepted.ContainsKey(r.To)).Select(r => r.At).Order().ToList();
        var window = (matched.Count > 0 && matched.Count == accepted.Count ? matched[^1] : Stopwatch.GetTimestamp()) - started;
        var steady = matched.Count > 1 ? (matched.Count - 1) / Seconds(matched[^1] - matched[0]) : 0;
        return new DeliveryBurst(
            users.Count,
            accepted.Count,
            refused,
            Math.Round(acceptSeconds, 2),
            matched.Count,
            Math.Round(Seconds(window), 2),
            Math.Round(matched.Count / Seconds(window), 1),
            Math.Round(steady, 1));
    }

    /// <summary>
    /// Starts one request every 1/<paramref name="rate"/> s for <paramref name="duration"/>, then waits up to
    /// <paramref name="timeout"/> after the last acceptance; latency runs from each 200 to the provider's receipt.
    /// </summary>
    public async Task<DeliveryAtRate> AtRateAsync(IReadOnlyList<DeliveryUser> users, double rate, TimeSpan duration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        provider.Drain();
        var accepted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var refused = 0;
        var count = Math.Min(users.Count, (int)Math.Round(rate * duration.TotalSeconds));
        var lagged = 0;
        using var gate = new SemaphoreSlim(inFlight);
        var sends = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i / rate * Stopwatch.Frequency);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(Seconds(wait)), cancellationToken);
            }
            else if (wait < -Stopwatch.Frequency / 10)
            {
                lagged++;
            }

            await gate.WaitAsync(cancellationToken);
            var user = users[i];
            sends.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        if (await SendAsync(user, cancellationToken) is { } at)
                        {
                            accepted[user.E164] = at;
                        }
                        else
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(sends);
        var offeredSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var lastAccepted = accepted.IsEmpty ? Stopwatch.GetTimestamp() : accepted.Values.Max();
        var receipts = await WaitAsync(accepted, lastAccepted + Ticks(timeout), cancellationToken);
        var firstReceipt = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (to, at) in receipts)
        {
            if (accepted.ContainsKey(to) && !firstReceipt.ContainsKey(to))
            {
                firstReceipt[to] = at;
            }
        }

        // Accepted to received, in ms; within the timeout only. The provider can see a message a moment before the
        // client reads the 200 (the dispatcher is woken by the insert): those count as 0.
        var latencies = new List<double>();
        foreach (var (to, acceptedAt) in accepted)
        {
            if (firstReceipt.TryGetValue(to, out var at) && at - acceptedAt <= Ticks(timeout))
            {
                latencies.Add(Math.Max(0, Seconds(at - acceptedAt) * 1000));
            }
        }

        latencies.Sort();
        return new DeliveryAtRate(
            rate,
            Math.Round(offeredSeconds, 1),
            count,
            accepted.Count,
            refused,
            lagged,
            latencies.Count,
            accepted.Count - latencies.Count,
            timeout.TotalSeconds,
            latencies.Count > 0 ? Math.Round(Percentile(latencies, 50), 1) : null,
            latencies.Count > 0 ? Math.Round(Percentile(latencies, 99), 1) : null,
            latencies.Count > 0 ? Math.Round(latencies[^1], 1) : null,
            receipts.Count(r => !accepted.ContainsKey(r.To)));
    }

    /// <summary>The Stopwatch timestamp of the 200, or null for any other answer.</summary>
    private async Task<long?> SendAsync(DeliveryUser user, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/protected/json/sms/{user.AuthyId}"));
        request.Headers.Add(AuthyScenarios.ApiKeyHeader, apiKey);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var at = Stopwatch.GetTimestamp();
            if (response.IsSuccessStatusCode)
            {
                return at;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"   sms/{user.AuthyId} answered {(int)response.StatusCode}: {body}"));
            return null;
        }
        catch (HttpRequestException ex)
        {
            await log.WriteLineAsync($"   sms/{user.AuthyId} failed: {ex.Message}");
            return null;
        }
    }

    /// <summary>Polls the provider until every accepted number was received or the deadline passes; returns the receipts.</summary>
    private async Task<List<(string To, long At)>> WaitAsync(ConcurrentDictionary<string, long> accepted, long deadline, CancellationToken cancellationToken)
    {
        var receipts = new List<(string To, long At)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastReport = Stopwatch.GetTimestamp();
        while (true)
        {
            foreach (var receipt in provider.Drain())
            {
                receipts.Add(receipt);
                if (accepted.ContainsKey(receipt.To))
                {
                    seen.Add(receipt.To);
                }
            }

            if (seen.Count >= accepted.Count || Stopwatch.GetTimestamp() >= deadline)
            {
                return receipts;
            }

            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
            {
                lastReport = Stopwatch.GetTimestamp();
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"   received {seen.Count:N0} of {accepted.Count:N0}"));
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
