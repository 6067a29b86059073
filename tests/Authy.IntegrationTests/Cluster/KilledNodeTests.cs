using System.Diagnostics;
using System.Net;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Cluster;

/// <summary>
/// A node killed (SIGKILL) while its dispatcher waits on the gateway, and a new process started on the same database:
/// every SMS the killed node accepted is delivered, and only what was in flight at the kill may reach the gateway twice —
/// the at-least-once delivery docs/operations.md promises ("A node killed mid-send leaves its claim to expire; another
/// node (or the same one after restart) sends the message again").
/// </summary>
public sealed class KilledNodeTests
{
    private const int Messages = 12;
    private const int AnsweredBeforeTheHang = 3;

    [Fact]
    public async Task NodeKilledMidDispatch_RestartedNode_DeliversEveryAcceptedSmsDuplicatingOnlyWhatWasInFlight()
    {
        var log = TestContext.Current.TestOutputHelper;
        await using var gateway = await GatewayReceiver.StartAsync();
        // The first deliveries are slow, then one hangs until the sender goes away: the kill lands mid-send.
        gateway.AnswerNext([
            .. Enumerable.Repeat(new GatewayAnswer(HttpStatusCode.OK, Delay: TimeSpan.FromMilliseconds(300)), AnsweredBeforeTheHang),
            GatewayAnswer.Hang(TimeSpan.FromMinutes(10)),
        ]);
        var connectionString = await TestDatabases.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken);
        var settings = ServerProcess.Settings(connectionString, gateway.Url);
        // The claim of the killed node expires 5 s after it was made; then the new process sends that message again.
        settings["Outbox__LeaseSeconds"] = "5";
        // Nothing may give up on the hanging request before the kill does.
        settings["HttpGateway__TimeoutSeconds"] = "120";
        settings["Messaging__ProviderTimeoutSeconds"] = "120";
        settings["Outbox__SendTimeoutSeconds"] = "300";
        await ServerProcess.RunCliAsync(settings, "migrate");
        var app = await ServerProcess.CreateAppAsync(settings, "Killed");
        var phones = Enumerable.Range(0, Messages).Select(_ => TestPhone.Next()).ToList();

        var first = await ServerProcess.StartAsync("node (killed)", settings);
        var accepted = new List<string>();
        await using (first)
        {
            using var api = first.CreateApiClient(app.ApiKey);
            foreach (var phone in phones)
            {
                var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);
                if ((await api.GetApiAsync($"/protected/json/sms/{authyId}")).Status == HttpStatusCode.OK)
                {
                    accepted.Add(phone.E164);
                }
            }

            await gateway.WaitForAsync(AnsweredBeforeTheHang + 1, TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        var sentBeforeTheKill = gateway.Received.Select(r => r.To).ToHashSet();
        var inFlight = sentBeforeTheKill.Except(gateway.Answered.Select(r => r.To)).ToHashSet();
        var deliveredBeforeTheKill = gateway.Answered.Count;
        var pendingAtTheKill = (await DatabaseProbe.OutboxAsync(connectionString))["Pending"];
        var restarted = Stopwatch.StartNew();
        await using var second = await ServerProcess.StartAsync("node (restarted)", settings);
        var startedIn = restarted.Elapsed;
        var (outbox, drainedAfter) = await Eventually.UntilAsync(
            () => DatabaseProbe.OutboxAsync(connectionString), c => c["Pending"] == 0, TimeSpan.FromSeconds(120), "no pending SMS after the restart");
        var receivedTwice = gateway.Received.GroupBy(r => r.To).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        log?.WriteLine($"""
            Accepted {accepted.Count} SMS; at the kill: {deliveredBeforeTheKill} delivered, {inFlight.Count} in flight, {pendingAtTheKill} pending in the outbox.
            The new process was ready in {startedIn.TotalSeconds:F1} s and the outbox drained {drainedAfter.TotalSeconds:F1} s after its start (lease {settings["Outbox__LeaseSeconds"]} s).
            Gateway: {gateway.Received.Count} requests received, {gateway.Answered.Count} answered; numbers that received twice: {receivedTwice.Count}.
            """);

        Assert.Equal(Messages, accepted.Count);
        Assert.NotEmpty(inFlight); // at least the hung one; the dispatcher sends several at once
        Assert.Equal(Messages, outbox["Delivered"]);
        Assert.All(accepted, to => Assert.Contains(gateway.Answered, r => r.To == to));
        // Every message unanswered at the kill was sent again after its lease. Only what the killed node had handed to
        // the gateway may come twice (in flight, or answered while its record was not yet written), and at most twice.
        Assert.Subset(receivedTwice.ToHashSet(), inFlight);
        Assert.Subset(sentBeforeTheKill, receivedTwice.ToHashSet());
        Assert.All(gateway.Received.GroupBy(r => r.To), g => Assert.True(g.Count() <= 2, $"{g.Key} received {g.Count()} times"));
    }
}
