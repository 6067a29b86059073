using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Authy.IntegrationTests.Infrastructure;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Cluster;

/// <summary>
/// PostgreSQL stopped under load, as a crash would stop it, and started again: the server answers every request with
/// its normal answer or an Authy 503 body (never a 500, never an empty or HTML body), reports not-ready while live,
/// comes back by itself, and every SMS it accepted is delivered. The cluster is this test's own: stopping the shared
/// one would fail the rest of the suite.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const int Users = 120;
    private const int Workers = 3;
    private static readonly TimeSpan MinimumOutage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PostgresStoppedUnderLoad_Answers503AndNotReady_RecoversAndDeliversEveryAcceptedSms()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = TestContext.Current.TestOutputHelper;
        await using var postgres = await PostgresServer.StartRestartableAsync(ct);
        var connectionString = await postgres.CreateDatabaseAsync("authy_outage", ct);
        await using var gateway = await GatewayReceiver.StartAsync();
        var settings = ServerProcess.Settings(connectionString, gateway.Url);
        // The load sends each user many codes and wrong codes: the limits must not be what answers.
        settings["Fraud__MaxSendsPerPrefix"] = "0";
        settings["Fraud__MaxSendsPerNumber"] = "0";
        // A message sent just as the database went away stays claimed until its lease ends: keep that short.
        settings["Outbox__LeaseSeconds"] = "5";
        await ServerProcess.RunCliAsync(settings, "migrate");
        var app = await ServerProcess.CreateAppAsync(settings, "Outage", "MaxSendsPerUser=1000", "MaxSendsPerPhone=1000", "MaxFailedVerifies=1000");
        await using var node = await ServerProcess.StartAsync("node", settings);
        using var api = node.CreateApiClient(app.ApiKey);
        var users = new List<(long AuthyId, TestPhone Phone)>();
        for (var i = 0; i < Users; i++)
        {
            var phone = TestPhone.Next();
            users.Add((await AuthyApiFactory.RegisterUserAsync(api, phone), phone));
        }

        var load = new Load(api, users);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => load.RunAsync(worker, stopLoad.Token)));
        Outage outage;
        try
        {
            outage = await StopAndStartAgainAsync(postgres, node, load);
        }
        finally
        {
            await stopLoad.CancelAsync(); // also when a wait timed out: the workers must not outlive the test
            await running;
        }

        var (outbox, drainedAfter) = await Eventually.UntilAsync(() => DatabaseProbe.OutboxAsync(connectionString), c => c["Pending"] == 0, TimeSpan.FromSeconds(120), "no pending SMS");
        var undelivered = load.Accepted
            .GroupBy(phone => phone)
            .Where(accepted => gateway.Answered.Count(r => r.To == accepted.Key) < accepted.Count())
            .Select(accepted => accepted.Key)
            .ToList();
        var extraDeliveries = gateway.Answered.Count - load.AcceptedCount;
        log?.WriteLine($"""
            Requests: {load.Total}; answered normally: {load.Total - load.UnavailableCount - load.Unexpected.Count}; Authy 503: {load.UnavailableCount}; anything else: {load.Unexpected.Count}.
            SMS accepted: {load.AcceptedCount} ({load.AcceptedCount - outage.AcceptedBeforeRestart} after the restart); outbox: {outbox["Delivered"]} delivered, {outbox["Failed"]} failed; gateway answered {gateway.Answered.Count} requests (received {gateway.Received.Count}): {extraDeliveries} more than accepted.
            /health/ready 503 after {outage.NotReadyAfter.TotalSeconds:F1} s; /health/live during the outage: {(int?)outage.Live}; outage {outage.Lasted.TotalSeconds:F1} s.
            After the restart: ready in {outage.ReadyAfter.TotalSeconds:F1} s, serving (20 SMS accepted) in {outage.ServingAfter.TotalSeconds:F1} s; 503s after that: {outage.UnavailableAfterRecovery}; outbox drained {drainedAfter.TotalSeconds:F1} s after the load stopped.
            """);

        Assert.True(load.Unexpected.Count == 0, $"Answers that are neither normal nor an Authy 503:\n{string.Join('\n', load.Unexpected.Take(20))}");
        Assert.Equal(HttpStatusCode.OK, outage.Live);
        Assert.False(node.HasExited, "The server must ride out the outage without a restart.");
        Assert.Empty(undelivered);
        Assert.Equal(0, outbox["Failed"]);
    }

    /// <summary>
    /// With the load running: stops PostgreSQL until /health/ready says 503 and at least 30 requests got a 503 over at
    /// least 5 s, starts it again, and waits until the server is ready and has accepted 60 more SMS.
    /// </summary>
    private static async Task<Outage> StopAndStartAgainAsync(PostgresServer postgres, ServerProcess node, Load load)
    {
        await Eventually.UntilAsync(() => Task.FromResult(load.AcceptedCount), n => n >= 20, TimeSpan.FromSeconds(60), "20 SMS accepted before the outage");
        await postgres.StopAsync();
        var down = Stopwatch.StartNew();
        var (_, notReadyAfter) = await Eventually.UntilAsync(() => node.ProbeAsync(), s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "/health/ready answers 503");
        var live = await node.ProbeAsync("/health/live");
        await Eventually.UntilAsync(
            () => Task.FromResult(load.UnavailableCount), n => n >= 30 && down.Elapsed >= MinimumOutage, TimeSpan.FromSeconds(60), "30 requests answered 503 and 5 s of outage");
        var acceptedBeforeRestart = load.AcceptedCount;

        await postgres.StartAgainAsync(TestContext.Current.CancellationToken);
        var lasted = down.Elapsed;
        var restarted = Stopwatch.StartNew();
        await Eventually.UntilAsync(() => node.ProbeAsync(), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/health/ready answers 200 again");
        var readyAfter = restarted.Elapsed;
        await Eventually.UntilAsync(() => Task.FromResult(load.AcceptedCount), n => n >= acceptedBeforeRestart + 20, TimeSpan.FromSeconds(60), "20 more SMS accepted after the restart");
        var servingAfter = restarted.Elapsed;
        var unavailableAtRecovery = load.UnavailableCount;
        await Eventually.UntilAsync(() => Task.FromResult(load.AcceptedCount), n => n >= acceptedBeforeRestart + 60, TimeSpan.FromSeconds(60), "60 more SMS accepted after the restart");
        return new Outage(notReadyAfter, live, lasted, acceptedBeforeRestart, readyAfter, servingAfter, load.UnavailableCount - unavailableAtRecovery);
    }

    /// <summary>What the outage looked like from outside: times from the stop, and from the restart.</summary>
    private sealed record Outage(
        TimeSpan NotReadyAfter, HttpStatusCode? Live, TimeSpan Lasted, int AcceptedBeforeRestart, TimeSpan ReadyAfter, TimeSpan ServingAfter, int UnavailableAfterRecovery);

    /// <summary>
    /// Workers that loop over the users: an SMS (a write that queues a message), a wrong code (a counted failure), a
    /// status read. Each answer must be the normal one or an Authy 503; anything else is kept in <see cref="Unexpected"/>.
    /// </summary>
    private sealed class Load(HttpClient api, IReadOnlyList<(long AuthyId, TestPhone Phone)> users)
    {
        private readonly ConcurrentQueue<string> _accepted = new();
        private readonly ConcurrentQueue<string> _unexpected = new();
        private int _next = -1;
        private int _total;
        private int _unavailable;

        public int Total => _total;

        public int UnavailableCount => _unavailable;

        public int AcceptedCount => _accepted.Count;

        /// <summary>The numbers of accepted SMS, once per acceptance.</summary>
        public IReadOnlyList<string> Accepted => [.. _accepted];

        public IReadOnlyList<string> Unexpected => [.. _unexpected];

        public async Task RunAsync(int worker, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var (authyId, phone) = users[Interlocked.Increment(ref _next) % users.Count];
                if (await SendAsync($"/protected/json/sms/{authyId}", HttpStatusCode.OK, null) == Answer.Normal)
                {
                    _accepted.Enqueue(phone.E164);
                }

                await SendAsync($"/protected/json/verify/0000000/{authyId}", HttpStatusCode.Unauthorized, "60020");
                await SendAsync($"/protected/json/users/{authyId}/status", HttpStatusCode.OK, null);
                try
                {
                    // Pacing, not waiting for anything: an unpaced loop of fast 503s would starve the two cores.
                    await Task.Delay(20 + (worker * 5), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task<Answer> SendAsync(string path, HttpStatusCode normal, string? normalCode)
        {
            Interlocked.Increment(ref _total);
            HttpResponseMessage response;
            try
            {
                response = await api.GetAsync(path, CancellationToken.None);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                _unexpected.Enqueue($"{path}: no answer ({exception.GetType().Name}: {exception.Message})");
                return Answer.Unexpected;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var json = Parse(body);
                if (response.StatusCode == normal && (normalCode is null || json?["error_code"]?.GetValue<string>() == normalCode))
                {
                    return Answer.Normal;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable
                    && response.Content.Headers.ContentType?.MediaType == "application/json"
                    && json?["error_code"]?.GetValue<string>() == "60000"
                    && json["success"]?.GetValue<bool>() == false)
                {
                    Interlocked.Increment(ref _unavailable);
                    return Answer.Unavailable;
                }

                _unexpected.Enqueue($"{path}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {body[..Math.Min(body.Length, 300)]}");
                return Answer.Unexpected;
            }
        }

        private static JsonNode? Parse(string body)
        {
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private enum Answer
        {
            Normal,
            Unavailable,
            Unexpected,
        }
    }
}
