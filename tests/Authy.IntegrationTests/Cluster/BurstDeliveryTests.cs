using System.Diagnostics;
using System.Globalization;
using System.Net;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Cluster;

/// <summary>
/// A burst of SMS queued through two server processes whose provider answers after 200 ms, as Twilio's REST API does:
/// both dispatchers send concurrently, within their in-flight limits, and every message reaches the provider once.
/// </summary>
public sealed class BurstDeliveryTests(BurstDeliveryTests.SlowProviderNodes nodes) : IClassFixture<BurstDeliveryTests.SlowProviderNodes>
{
    private const int MaxInFlightPerNode = 16;

    [Fact]
    public async Task Outbox_ThousandSmsQueuedThroughBothNodes_SlowProvider_EachDeliveredExactlyOnce()
    {
        const int count = 1000;
        var app = await ServerProcess.CreateAppAsync(nodes.Settings, "Burst");
        using var onA = nodes.A.CreateApiClient(app.ApiKey);
        using var onB = nodes.B.CreateApiClient(app.ApiKey);
        var phones = Enumerable.Range(0, count).Select(_ => TestPhone.Next()).ToList();
        var users = await InBatchesAsync(phones, phone => AuthyApiFactory.RegisterUserAsync(onA, phone));

        var clock = Stopwatch.StartNew();
        var answers = await InBatchesAsync(Enumerable.Range(0, count).ToList(), i => (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/sms/{users[i]}"));
        var queuedIn = clock.Elapsed;
        await nodes.WaitUntilOutboxDrainedAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{count} SMS queued in {queuedIn.TotalSeconds:F1} s and all at the provider after {clock.Elapsed.TotalSeconds:F1} s; at most {nodes.Gateway.PeakInFlight} requests at the provider at once.");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var outbox = await DatabaseProbe.OutboxAsync(nodes.ConnectionString);
        Assert.Equal(count, outbox["Delivered"]);
        var received = nodes.Gateway.Received.GroupBy(r => r.To).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(phones, phone => Assert.Single(received[phone.E164]));
        Assert.Equal(count, received.Count);
        var byNode = received.Values.SelectMany(r => r).GroupBy(r => r.Headers["X-Node"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byNode.GetValueOrDefault("A") > 0 && byNode.GetValueOrDefault("B") > 0, "Both dispatchers should have sent messages.");
        Assert.InRange(nodes.Gateway.PeakInFlight, 3, 2 * MaxInFlightPerNode); // more than one send per node at once, never past the limits
    }

    /// <summary>Runs <paramref name="call"/> for each item, 16 at a time, and returns the results in order.</summary>
    private static async Task<List<TResult>> InBatchesAsync<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> call)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) => results[i] = await call(items[i]));
        return [.. results];
    }

    /// <summary>The two nodes with SMS to a gateway that answers after 200 ms, and the limits per number prefix out of the way.</summary>
    public sealed class SlowProviderNodes : TwoNodeClusterTests.TwoNodes
    {
        protected override void Configure(GatewayReceiver gateway, Dictionary<string, string> settings)
        {
            gateway.DefaultDelay = TimeSpan.FromMilliseconds(200);
            settings["Fraud__MaxSendsPerPrefix"] = "100000";
            settings["Outbox__MaxInFlight__Sms"] = MaxInFlightPerNode.ToString(CultureInfo.InvariantCulture);
        }
    }
}
