using System.Diagnostics;

namespace Authy.IntegrationTests.Cluster;

/// <summary>Waits for a condition by polling it, with a deadline: the machine may be busy, so waits are long and end early.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> every <paramref name="every"/> (default 100 ms) until <paramref name="done"/> holds; returns the last value and how long it took.</summary>
    public static async Task<(T Value, TimeSpan Elapsed)> UntilAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        var value = await probe();
        while (!done(value))
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Not within {within}: {what} (last value: {value}).");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            value = await probe();
        }

        return (value, clock.Elapsed);
    }
}
