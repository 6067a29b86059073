using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Cluster;

/// <summary>
/// Two server processes on one PostgreSQL database, each with its own connection pool, outbox dispatcher and
/// notification listener, and one SMS gateway that records which node sent each message. Whatever a client does
/// through both nodes must come out as it would through one: the same limits, one use per code, one decision per
/// approval request, events on every node, and each queued message sent once.
/// </summary>
public sealed class TwoNodeClusterTests : IClassFixture<TwoNodeClusterTests.TwoNodes>, IDisposable
{
    private readonly TwoNodes _nodes;
    private readonly int _markA;
    private readonly int _markB;
    private readonly List<HttpClient> _clients = [];

    public TwoNodeClusterTests(TwoNodes nodes)
    {
        _nodes = nodes;
        _markA = nodes.A.OutputLineCount;
        _markB = nodes.B.OutputLineCount;
    }

    [Fact]
    public async Task GetVerify_WrongCodesAlternatingNodes_LockOutAfterTheOneNodeLimitOnBoth()
    {
        const int limit = 4;
        var (onA, onB) = await NewAppAsync("Verify limit", $"MaxFailedVerifies={limit}");
        var authyId = await AuthyApiFactory.RegisterUserAsync(onA, TestPhone.Next());

        var failures = new List<ApiResponse>();
        for (var i = 0; i < limit; i++)
        {
            failures.Add(await (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/verify/0000000/{authyId}"));
        }

        var lockedOnA = await onA.GetApiAsync($"/protected/json/verify/0000000/{authyId}");
        var lockedOnB = await onB.GetApiAsync($"/protected/json/verify/0000000/{authyId}");

        Assert.All(failures, failure => failure.AssertAuthyError(HttpStatusCode.Unauthorized, "60020"));
        lockedOnA.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        lockedOnB.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
    }

    [Fact]
    public async Task GetVerify_HundredWrongCodesAtOnceOverBothNodes_ExactlyTheLimitAreChecked()
    {
        const int limit = 10;
        var (onA, onB) = await NewAppAsync("Parallel verify", $"MaxFailedVerifies={limit}");
        var authyId = await AuthyApiFactory.RegisterUserAsync(onA, TestPhone.Next());

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/verify/{Api.ParallelGuessTests.WrongCode(i, 7)}/{authyId}")));

        Assert.Equal(limit, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), a =>
        {
            a.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
            Assert.NotNull(a.RetryAfter);
        });
    }

    [Fact]
    public async Task CompleteRegistration_HundredWrongCodesAtOnceOverBothNodes_ExactlyTheBudgetIsChecked()
    {
        var phone = TestPhone.Next();
        var started = await _nodes.A.Http.PostAsJsonAsync(
            "/device/v1/registrations", new { country_code = "1", phone_number = phone.National, via = "sms" }, TestContext.Current.CancellationToken);
        started.EnsureSuccessStatusCode();
        var registrationId = (await started.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>(TestContext.Current.CancellationToken))!["registration_id"]!.GetValue<string>();
        var code = TestDevice.RegistrationCode((await _nodes.SmsToAsync(phone, sixDigits: true)).Text)!;
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var device = new TestDevice(() => _nodes.A.Http, TimeProvider.System, key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? _nodes.A : _nodes.B).Http.SendApiAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/device/v1/registrations/{registrationId}/complete")
            {
                Content = JsonContent.Create(new { code = Api.ParallelGuessTests.WrongCode(i, 6, code), name = "Guess", os_type = "web", public_key = device.Jwk() }),
            })));

        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
    }

    [Fact]
    public async Task PhoneVerificationCheck_HundredWrongCodesAtOnceOverBothNodes_ExactlyTheBudgetIsChecked()
    {
        var (onA, onB) = await NewAppAsync("Parallel phone verification", "MaxPhoneVerificationChecks=5");
        var phone = TestPhone.Next();
        Assert.Equal(HttpStatusCode.OK, (await onA.PostFormAsync(
            "/protected/json/phones/verification/start", ("country_code", "1"), ("phone_number", phone.National))).Status);
        var code = System.Text.RegularExpressions.Regex.Match((await _nodes.SmsToAsync(phone)).Text, @"\b\d{4}\b").Value;

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? onA : onB).GetApiAsync(
            $"/protected/json/phones/verification/check?country_code=1&phone_number={phone.National}&verification_code={Api.ParallelGuessTests.WrongCode(i, 4, code)}")));

        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), a => a.AssertAuthyError(HttpStatusCode.NotFound, "60023"));
    }

    [Fact]
    public async Task GetSms_TenAtOnceOverBothNodes_AcceptsAndDeliversExactlyTheLimit()
    {
        const int limit = 3;
        var (onA, onB) = await NewAppAsync("Send limit", $"MaxSendsPerUser={limit}");
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(onA, phone);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/sms/{authyId}")));
        await _nodes.WaitUntilOutboxDrainedAsync();

        Assert.Equal(limit, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003"));
        Assert.Equal(limit, _nodes.Gateway.Received.Count(r => r.To == phone.E164));
    }

    [Fact]
    public async Task GetVerify_SameCodeAtOnceOnBothNodes_AcceptedExactlyOnce()
    {
        var (onA, onB) = await NewAppAsync("One use");
        var users = new List<(long AuthyId, string Code)>();
        for (var i = 0; i < 3; i++)
        {
            var phone = TestPhone.Next();
            var authyId = await AuthyApiFactory.RegisterUserAsync(onA, phone);
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/sms/{authyId}")).Status);
            users.Add((authyId, Codes.Extract((await _nodes.SmsToAsync(phone)).Text)));
        }

        foreach (var (authyId, code) in users)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/verify/{code}/{authyId}")));

            Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertAuthyError(HttpStatusCode.Unauthorized, "60019"));
        }
    }

    [Fact]
    public async Task GetVerify_BannedOnNodeAWhileNodeBCachedTheMember_RefusedOnNodeBUntilUnbanned()
    {
        var (onA, onB) = await NewAppAsync("Ban");
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(onA, phone);
        var codes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            // Each SMS carries the next unused step's code; verifying the first puts the member in node B's cache.
            Assert.Equal(HttpStatusCode.OK, (await onA.GetApiAsync($"/protected/json/sms/{authyId}?force=true")).Status);
            codes.Add(Codes.Extract((await _nodes.SmsToAsync(phone, skip: i)).Text));
            if (i == 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await onB.GetApiAsync($"/protected/json/verify/{codes[0]}/{authyId}")).Status);
            }
        }

        var banned = await onA.PostFormAsync($"/protected/json/users/{authyId}/register_activity", ("type", "banned"));
        var refused = await onB.GetApiAsync($"/protected/json/verify/{codes[1]}/{authyId}");
        var unbanned = await onA.PostFormAsync($"/protected/json/users/{authyId}/register_activity", ("type", "unbanned"));
        var accepted = await onB.GetApiAsync($"/protected/json/verify/{codes[1]}/{authyId}"); // the refusal spent nothing

        Assert.Equal(HttpStatusCode.OK, banned.Status);
        refused.AssertAuthyError(HttpStatusCode.Forbidden, "60107");
        Assert.Equal(HttpStatusCode.OK, unbanned.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Fact]
    public async Task DeviceEvents_ApprovalRequestCreatedOnNodeA_ReachesStreamOnNodeB()
    {
        var (onA, _) = await NewAppAsync("Events");
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(onA, phone);
        using var device = await _nodes.RegisterDeviceAsync(phone);
        // Both listeners up: only a NOTIFY from A can wake B's stream before its 60 s fallback poll.
        await Eventually.UntilAsync(() => DatabaseProbe.DeviceEventListenersAsync(_nodes.ConnectionString), n => n == 2, TimeSpan.FromSeconds(60), "both nodes LISTEN");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/device/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token());
        using var stream = await _nodes.B.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        var clock = Stopwatch.StartNew();
        var created = await onA.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Login from node A"));
        var uuid = created.Json["approval_request"]!["uuid"]!.GetValue<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        string? data = null;
        while (data is null && await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            data = line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(uuid, StringComparison.Ordinal) ? line : null;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"The event reached node B's stream {clock.ElapsedMilliseconds} ms after the request to node A.");
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Contains("Login from node A", data, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"arrived after {clock.Elapsed}");
    }

    [Fact]
    public async Task PostDecision_ApproveOnAAndDenyOnBAtOnce_OneDecisionWinsAndBothNodesReportIt()
    {
        var (onA, onB) = await NewAppAsync("Decisions");
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(onA, phone);
        using var device = await _nodes.RegisterDeviceAsync(phone);

        for (var round = 0; round < 5; round++)
        {
            var created = await (round % 2 == 0 ? onA : onB).PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Race"));
            var uuid = created.Json["approval_request"]!["uuid"]!.GetValue<string>();

            var decisions = await Task.WhenAll(
                DecideAsync(_nodes.A, device, uuid, "approved"),
                DecideAsync(_nodes.B, device, uuid, "denied"));
            var statusOnA = await onA.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");
            var statusOnB = await onB.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");

            var winner = Assert.Single(decisions, d => d.Response.Status == HttpStatusCode.OK);
            var loser = Assert.Single(decisions, d => d.Response.Status != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Conflict, loser.Response.Status);
            Assert.Equal("60079", loser.Response.Json["code"]!.GetValue<string>());
            Assert.Equal(winner.Status, statusOnA.Json["approval_request"]!["status"]!.GetValue<string>());
            Assert.Equal(winner.Status, statusOnB.Json["approval_request"]!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Outbox_SmsQueuedThroughBothNodes_EachDeliveredExactlyOnceByBothDispatchers()
    {
        const int count = 40;
        var (onA, onB) = await NewAppAsync("Outbox");
        var phones = Enumerable.Range(0, count).Select(_ => TestPhone.Next()).ToList();
        var users = new List<long>();
        foreach (var phone in phones)
        {
            users.Add(await AuthyApiFactory.RegisterUserAsync(onA, phone));
        }

        var answers = await Task.WhenAll(users.Select((authyId, i) => (i % 2 == 0 ? onA : onB).GetApiAsync($"/protected/json/sms/{authyId}")));
        await _nodes.WaitUntilOutboxDrainedAsync();
        var received = _nodes.Gateway.Received.Where(r => phones.Any(p => p.E164 == r.To)).ToList();
        var byNode = received.GroupBy(r => r.Headers["X-Node"]).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine($"Sent by node A: {byNode.GetValueOrDefault("A")}, by node B: {byNode.GetValueOrDefault("B")}");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(phones, phone => Assert.Single(received, r => r.To == phone.E164));
        Assert.True(byNode.GetValueOrDefault("A") > 0 && byNode.GetValueOrDefault("B") > 0, "Both dispatchers should have sent messages.");
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _nodes.A.WriteOutputSince(_markA);
        _nodes.B.WriteOutputSince(_markB);
    }

    [Fact]
    public async Task AnyRequest_InProduction_LogsOneJsonLineWithTheRequestsCorrelationId()
    {
        var (onA, _) = await NewAppAsync("Logs");
        var correlationId = $"log-check-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/protected/json/verify/1234567/987654321");
        request.Headers.Add("X-Request-Id", correlationId);

        var response = await onA.SendApiAsync(request);
        // Lines reach the console through a queue (Serilog.Sinks.Async), so the line may follow the answer.
        var (line, _) = await Eventually.UntilAsync(
            () => Task.FromResult(_nodes.A.Output.Split('\n').FirstOrDefault(l => l.Contains(correlationId, StringComparison.Ordinal))),
            l => l is not null, TimeSpan.FromSeconds(30), "the request's log line");

        response.AssertAuthyError(HttpStatusCode.NotFound, "60026");
        var json = System.Text.Json.Nodes.JsonNode.Parse(line!)!;
        Assert.Equal(correlationId, json["CorrelationId"]!.GetValue<string>());
        Assert.Equal("/protected/json/verify/[token]/987654321", json["RequestPath"]!.GetValue<string>());
        Assert.Equal(404, json["StatusCode"]!.GetValue<int>());
        Assert.NotNull(json["@t"]);
        Assert.DoesNotContain("1234567", line, StringComparison.Ordinal);
    }

    /// <summary>Creates an application through the CLI (with <c>Name=Value</c> settings) and returns a client of it on each node.</summary>
    private async Task<(HttpClient OnA, HttpClient OnB)> NewAppAsync(string name, params string[] settings)
    {
        var app = await ServerProcess.CreateAppAsync(_nodes.Settings, name, settings);
        var onA = _nodes.A.CreateApiClient(app.ApiKey);
        var onB = _nodes.B.CreateApiClient(app.ApiKey);
        _clients.AddRange([onA, onB]);
        return (onA, onB);
    }

    private static async Task<(ApiResponse Response, string Status)> DecideAsync(ServerProcess node, TestDevice device, string uuid, string status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/device/v1/approval_requests/{uuid}/decision")
        {
            Content = JsonContent.Create(device.Decision(uuid, status)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token());
        return (await node.Http.SendApiAsync(request), status);
    }

    /// <summary>
    /// Nodes A and B on one fresh, migrated database; each names itself to the gateway in an <c>X-Node</c> header.
    /// A fixture for other tests changes the gateway and the settings in <see cref="Configure"/>.
    /// </summary>
    public class TwoNodes : IAsyncLifetime
    {
        public GatewayReceiver Gateway { get; private set; } = null!;

        public string ConnectionString { get; private set; } = "";

        /// <summary>The settings every node and CLI command gets.</summary>
        public Dictionary<string, string> Settings { get; private set; } = [];

        public ServerProcess A { get; private set; } = null!;

        public ServerProcess B { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Gateway = await GatewayReceiver.StartAsync();
            ConnectionString = await TestDatabases.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken);
            Settings = ServerProcess.Settings(ConnectionString, Gateway.Url);
            // Stream wake-ups must come from NOTIFY: a stream re-reads the database by itself only every 60 s.
            Settings["Push__FallbackPollSeconds"] = "60";
            Configure(Gateway, Settings);
            await ServerProcess.RunCliAsync(Settings, "migrate");
            var a = ServerProcess.StartAsync("node A", new Dictionary<string, string>(Settings) { ["HttpGateway__Headers__X-Node"] = "A" });
            var b = ServerProcess.StartAsync("node B", new Dictionary<string, string>(Settings) { ["HttpGateway__Headers__X-Node"] = "B" });
            try
            {
                await Task.WhenAll(a, b);
            }
            finally
            {
                // If one failed to start, DisposeAsync still stops the other.
                A = a.IsCompletedSuccessfully ? a.Result : null!;
                B = b.IsCompletedSuccessfully ? b.Result : null!;
            }
        }

        /// <summary>Adjusts the gateway and the settings before the nodes start.</summary>
        protected virtual void Configure(GatewayReceiver gateway, Dictionary<string, string> settings)
        {
        }

        /// <summary>The SMS sent to <paramref name="phone"/> (the first one with a 6-digit code when <paramref name="sixDigits"/>), after <paramref name="skip"/> earlier ones.</summary>
        public async Task<GatewayRequest> SmsToAsync(TestPhone phone, bool sixDigits = false, int skip = 0)
        {
            var (found, _) = await Eventually.UntilAsync(
                () => Task.FromResult(Gateway.Answered.Where(r => r.To == phone.E164 && (!sixDigits || TestDevice.RegistrationCode(r.Text) is not null)).Skip(skip).FirstOrDefault()),
                r => r is not null,
                TimeSpan.FromSeconds(60),
                $"an SMS to {phone.E164}");
            return found!;
        }

        /// <summary>Registers a device for <paramref name="phone"/> through node A, with the code the gateway received.</summary>
        public Task<TestDevice> RegisterDeviceAsync(TestPhone phone) =>
            TestDevice.RegisterAsync(() => A.Http, TimeProvider.System, phone, async () => TestDevice.RegistrationCode((await SmsToAsync(phone, sixDigits: true)).Text)!);

        /// <summary>Waits until no SMS is pending: every queued message was sent and recorded as delivered (or failed).</summary>
        public Task WaitUntilOutboxDrainedAsync() =>
            Eventually.UntilAsync(() => DatabaseProbe.OutboxAsync(ConnectionString), c => c["Pending"] == 0, TimeSpan.FromSeconds(120), "no pending SMS");

        public async ValueTask DisposeAsync()
        {
            if (A is not null)
            {
                await A.DisposeAsync();
            }

            if (B is not null)
            {
                await B.DisposeAsync();
            }

            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }
        }
    }
}
