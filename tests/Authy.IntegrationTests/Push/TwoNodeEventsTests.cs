using System.Diagnostics;
using Authy.Application.Devices;
using Authy.Infrastructure.Push;
using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Authy.IntegrationTests.Push;

/// <summary>
/// Two server instances on one PostgreSQL database: an event published through one reaches a device stream held by the
/// other through LISTEN/NOTIFY. The fallback poll is 60 s on both, so only a notification can deliver within 2 s.
/// </summary>
public sealed class TwoNodeEventsTests(TwoNodeEventsTests.TwoNodes nodes) : IClassFixture<TwoNodeEventsTests.TwoNodes>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task SmsRequestedThroughNodeA_ReachesHttpEventStreamHeldOnNodeB()
    {
        await nodes.B.Listener.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var app = await nodes.A.CreateAppAsync("Two Nodes");
        var api = nodes.A.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);
        // Either node's dispatcher may deliver the registration code: they share one outbox.
        using var device = await TestDevice.RegisterAsync(nodes.A, phone, "web", nodes.A, nodes.B);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/device/v1/events");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", device.Token());
        using var response = await nodes.B.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        var clock = Stopwatch.StartNew();
        var sms = await api.GetApiAsync($"/protected/json/sms/{authyId}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Live);
        string? eventLine = null;
        string? dataLine = null;
        while (dataLine is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            eventLine = line.StartsWith("event: ", StringComparison.Ordinal) ? line : eventLine;
            dataLine = line.StartsWith("data: ", StringComparison.Ordinal) ? line : null;
        }

        Assert.True(sms.Json["ignored"]!.GetValue<bool>());
        Assert.Equal("event: token_requested", eventLine);
        Assert.Contains("\"app_name\":\"Two Nodes\"", dataLine, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Live, $"arrived after {clock.Elapsed}");
    }

    [Fact]
    public async Task OneTouch_RequestThroughNodeA_ReachesDeviceOnNodeB_DecisionThroughBVisibleThroughA()
    {
        await nodes.B.Listener.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var app = await nodes.A.CreateAppAsync("OneTouch Nodes");
        var apiOnA = nodes.A.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(apiOnA, phone);
        using var deviceOnB = await TestDevice.RegisterAsync(nodes.B, phone, "web", nodes.A, nodes.B);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/device/v1/events");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", deviceOnB.Token());
        using var response = await nodes.B.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        var created = await apiOnA.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Cross-node login"));
        var uuid = created.Json["approval_request"]!["uuid"]!.GetValue<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Live);
        string? data = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(uuid, StringComparison.Ordinal))
            {
                data = line;
                break;
            }
        }

        var decided = await deviceOnB.PostAsync($"/device/v1/approval_requests/{uuid}/decision", deviceOnB.Decision(uuid, "approved"));
        var statusOnA = await apiOnA.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");

        Assert.NotNull(data);
        Assert.Contains("Cross-node login", data, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, decided.Status);
        Assert.Equal("approved", statusOnA.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal(deviceOnB.DeviceId, statusOnA.Json["approval_request"]!["device"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task PublishAsync_OnNodeA_ReachesStreamOnNodeBLive()
    {
        await nodes.B.Listener.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var device = await DeviceEventsTests.CreateDeviceAsync(nodes.A);
        await using var stream = EventSubscription.Start(nodes.B.Events, device, afterId: 0);

        var first = await PublishAndReceiveAsync(device, stream, "token_request");
        // The stream on B now waits: no local publish on B, no poll for 60 s; only NOTIFY from A can wake it.
        var second = await PublishAndReceiveAsync(device, stream, "token_request_2");

        Assert.Equal("token_request", first.Type);
        Assert.Equal("token_request_2", second.Type);
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public async Task Listener_ConnectionDropped_ReconnectsAndDeliversWhatItMissed()
    {
        await nodes.B.Listener.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var device = await DeviceEventsTests.CreateDeviceAsync(nodes.A);
        await using var stream = EventSubscription.Start(nodes.B.Events, device, afterId: 0);
        await PublishAndReceiveAsync(device, stream, "before");
        var droppedProcess = nodes.B.Listener.ProcessId!.Value;

        await TerminateBackendAsync(droppedProcess);
        var pending = stream.NextAsync(TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();
        await nodes.A.Events.PublishAsync([device], "while_down", new { }, TestContext.Current.CancellationToken);
        var missed = await pending;

        // Reconnected after its first backoff (1 s), it woke every local stream to re-read.
        Assert.Equal("while_down", missed.Type);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"arrived after {clock.Elapsed}");
        await nodes.B.Listener.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.NotEqual(droppedProcess, nodes.B.Listener.ProcessId);
        Assert.Equal("after", (await PublishAndReceiveAsync(device, stream, "after")).Type);
    }

    private async Task<DeviceEventMessage> PublishAndReceiveAsync(long device, EventSubscription stream, string type)
    {
        var pending = stream.NextAsync(Live);
        var clock = Stopwatch.StartNew();
        await nodes.A.Events.PublishAsync([device], type, new { Type = type }, TestContext.Current.CancellationToken);
        var received = await pending;
        Assert.True(clock.Elapsed < Live, $"{type} arrived after {clock.Elapsed}");
        return received;
    }

    private async Task TerminateBackendAsync(int processId)
    {
        await using var connection = new NpgsqlConnection(nodes.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", processId);
        Assert.Equal(true, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Node A and node B: two hosts, one database.</summary>
    public sealed class TwoNodes : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = "";

        public Node A { get; private set; } = null!;

        public Node B { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            ConnectionString = await TestDatabases.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken);
            A = new Node(ConnectionString);
            await A.InitializeAsync();
            B = new Node(ConnectionString);
            await B.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (B is not null)
            {
                await B.DisposeAsync();
            }

            if (A is not null)
            {
                await A.DisposeAsync();
            }
        }
    }

    /// <summary>A server on a database another node already uses, with a fallback poll too slow to pass for NOTIFY.</summary>
    public sealed class Node(string connectionString) : AuthyApiFactory(new Postgres())
    {
        public IDeviceEvents Events => Services.GetRequiredService<IDeviceEvents>();

        public PostgresNotificationListener Listener => Services.GetRequiredService<PostgresNotificationListener>();

        protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) => Task.FromResult(connectionString);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Push:FallbackPollSeconds", "60");
        }
    }
}
