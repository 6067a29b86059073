using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Authy.Application.Abstractions;
using Authy.Application.Devices;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>OneTouch approval requests: create for each client encoding, status, expiry, and device decisions, on both providers.</summary>
public abstract class OneTouchTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : OneTouchTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : OneTouchTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private async Task<(HttpClient Client, long AuthyId, TestDevice Device)> UserWithDeviceAsync(string appName = "Bank")
    {
        var app = await factory.CreateAppAsync(appName);
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone, "owner@example.com");
        return (client, authyId, await TestDevice.RegisterAsync(factory, phone));
    }

    private static async Task<string> CreateAsync(HttpClient client, long authyId, params (string Key, string Value)[] form)
    {
        var response = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", form);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json["approval_request"]!["uuid"]!.GetValue<string>();
    }

    [Fact]
    public async Task PostApprovalRequest_RubyFormEncoding_StoresDetailsAndLogos()
    {
        var (client, authyId, device) = await UserWithDeviceAsync();

        var created = await client.PostFormAsync(
            $"/onetouch/json/users/{authyId}/approval_requests",
            ("message", "Login requested"), ("details[Account Number]", "981266321"), ("details[location]", "California, USA"),
            ("hidden_details[transaction_id]", "TR1"), ("logos[][res]", "default"), ("logos[][url]", "https://example.com/logo.png"),
            ("logos[][res]", "low"), ("logos[][url]", "https://example.com/low.png"), ("seconds_to_expire", "120"));
        var pending = await device.GetAsync("/device/v1/approval_requests");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Golden.AssertMatches("onetouch_created", created.Body);
        var request = Assert.Single(pending.Json["approval_requests"]!.AsArray())!;
        Assert.Equal("Login requested", request["message"]!.GetValue<string>());
        Assert.Equal("981266321", request["details"]!["Account Number"]!.GetValue<string>());
        Assert.Equal("low", request["logos"]![1]!["res"]!.GetValue<string>());
        Assert.DoesNotContain("TR1", pending.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostApprovalRequest_PhpQueryAndJsonEncodings_AreAccepted()
    {
        var (client, authyId, device) = await UserWithDeviceAsync();

        var php = await client.SendApiAsync(new HttpRequestMessage(
            HttpMethod.Post,
            $"/onetouch/json/users/{authyId}/approval_requests?message=Hi%20there&details%5BUser%5D=ana&logos%5B0%5D%5Bres%5D=default&logos%5B0%5D%5Burl%5D=https%3A%2F%2Fexample.com%2Fa.png"));
        var python = await client.PostJsonAsync(
            $"/onetouch/json/users/{authyId}/approval_requests",
            """{"message":"Python","seconds_to_expire":null,"details":{},"hidden_details":{},"logos":[]}""");

        var json = await client.PostJsonAsync(
            $"/onetouch/json/users/{authyId}/approval_requests",
            """{"message":"JSON logos","logos":[{"res":"default","url":"https://example.com/d.png"},{"res":"high","url":"https://example.com/h.png"}]}""");
        var badLogo = await client.PostJsonAsync(
            $"/onetouch/json/users/{authyId}/approval_requests",
            """{"message":"Bad logo","logos":[{"res":"huge","url":"https://example.com/d.png"}]}""");
        var pending = await device.GetAsync("/device/v1/approval_requests");

        Assert.Equal(HttpStatusCode.OK, php.Status);
        Assert.Equal(HttpStatusCode.OK, python.Status);
        Assert.Equal(HttpStatusCode.OK, json.Status);
        badLogo.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        var phpLogos = pending.Json["approval_requests"]!.AsArray().Single(r => r!["message"]!.GetValue<string>() == "Hi there")!["logos"]!;
        var jsonLogos = pending.Json["approval_requests"]!.AsArray().Single(r => r!["message"]!.GetValue<string>() == "JSON logos")!["logos"]!;
        Assert.Equal("https://example.com/a.png", phpLogos[0]!["url"]!.GetValue<string>());
        Assert.Equal(["default", "high"], jsonLogos.AsArray().Select(l => l!["res"]!.GetValue<string>()));
        var status = await client.GetApiAsync($"/onetouch/json/approval_requests/{python.Json["approval_request"]!["uuid"]!.GetValue<string>()}");
        Assert.Equal(86400, status.Json["approval_request"]!["seconds_to_expire"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetApprovalRequest_Pending_HasTheTypesClientsCheck()
    {
        var (client, authyId, _) = await UserWithDeviceAsync("Types");
        var uuid = await CreateAsync(client, authyId, ("message", "Check types"));

        var response = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");

        var body = response.Json["approval_request"]!;
        Assert.Equal("pending", body["status"]!.GetValue<string>());
        Assert.Null(body["processed_at"]);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, body["_app_serial_id"]!.GetValueKind());
        Assert.Equal(authyId, body["_authy_id"]!.GetValue<long>());
        Assert.Equal("owner@example.com", body["_user_email"]!.GetValue<string>());
        Assert.Equal(uuid, body["uuid"]!.GetValue<string>());
        Assert.Equal(24, body["app_id"]!.GetValue<string>().Length);
        Assert.False(body["notified"]!.GetValue<bool>());
        DateTimeOffset.Parse(body["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        DateTimeOffset.Parse(body["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Golden.AssertMatches("onetouch_status_pending", response.Body);
    }

    [Fact]
    public async Task GetApprovalRequest_PastExpiry_ReadsExpiredAndCannotBeAnswered()
    {
        var (client, authyId, device) = await UserWithDeviceAsync();
        var uuid = await CreateAsync(client, authyId, ("message", "Short-lived"), ("seconds_to_expire", "60"));
        var never = await CreateAsync(client, authyId, ("message", "Forever"), ("seconds_to_expire", "0"));

        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var expired = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");
        var late = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        factory.Clock.Advance(TimeSpan.FromDays(400));
        var stillPending = await client.GetApiAsync($"/onetouch/json/approval_requests/{never}");

        Assert.Equal("expired", expired.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.NotNull(expired.Json["approval_request"]!["processed_at"]);
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Equal("60079", late.Json["code"]!.GetValue<string>());
        Assert.Equal("pending", stillPending.Json["approval_request"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("denied")]
    public async Task PostDecision_SignedByTheDevice_IsRecordedOnceWithDevice(string decision)
    {
        var (client, authyId, device) = await UserWithDeviceAsync();
        var uuid = await CreateAsync(client, authyId, ("message", "Transfer 10 USD"));

        var answered = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, decision));
        var again = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, decision == "approved" ? "denied" : "approved"));
        var status = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");
        var pending = await device.GetAsync("/device/v1/approval_requests");

        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal(decision, answered.Json["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        var body = status.Json["approval_request"]!;
        Assert.Equal(decision, body["status"]!.GetValue<string>());
        Assert.NotNull(body["processed_at"]);
        Assert.Equal(device.DeviceId, body["device"]!["id"]!.GetValue<long>());
        Assert.Empty(pending.Json["approval_requests"]!.AsArray());
        if (decision == "approved")
        {
            Golden.AssertMatches("onetouch_status_approved", status.Body);
        }
    }

    [Fact]
    public async Task PostDecision_BadSignatureOrForeignDevice_IsRefusedAndChangesNothing()
    {
        var (client, authyId, device) = await UserWithDeviceAsync();
        var (_, _, stranger) = await UserWithDeviceAsync("Other");
        var uuid = await CreateAsync(client, authyId, ("message", "Guarded"));
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        var wrongKey = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved", signWith: otherKey));
        var otherStatus = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", new { status = "approved", signed_at = now, signature = ((dynamic)device.Decision(uuid, "denied")).signature });
        var stale = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved", signedAt: now - 3600));
        var foreign = await stranger.PostAsync($"/device/v1/approval_requests/{uuid}/decision", stranger.Decision(uuid, "approved"));
        var bogusStatus = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "maybe"));
        var status = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");

        Assert.Equal((HttpStatusCode.Unauthorized, "60087"), (wrongKey.Status, wrongKey.Json["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, otherStatus.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        Assert.Equal((HttpStatusCode.NotFound, "60049"), (foreign.Status, foreign.Json["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, bogusStatus.Status);
        Assert.Equal("pending", status.Json["approval_request"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostApprovalRequest_PushesTheRequestToTheUsersDevicesWithoutHiddenDetails()
    {
        var (client, authyId, device) = await UserWithDeviceAsync("Pusher");
        var events = factory.Services.GetRequiredService<IDeviceEvents>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(10));
        await using var subscription = events.SubscribeAsync(device.DeviceId, afterId: 0, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var uuid = await CreateAsync(client, authyId, ("message", "Pushed"), ("hidden_details[secret]", "HIDDEN-42"));
        Assert.True(await subscription.MoveNextAsync());

        Assert.Equal(DeviceEventTypes.ApprovalRequest, subscription.Current.Type);
        Assert.Contains(uuid, subscription.Current.Data, StringComparison.Ordinal);
        Assert.Contains("Pushed", subscription.Current.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN-42", subscription.Current.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostApprovalRequest_UserWithoutDevice_StaysPendingAndALaterDeviceListsAndApprovesIt()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync("Deviceless")).ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);

        // The sandbox and production both answered success here; the request waits for a device.
        var created = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Before any device"));
        var uuid = created.Json["approval_request"]?["uuid"]?.GetValue<string>();
        var before = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");
        using var device = await TestDevice.RegisterAsync(factory, phone);
        var listed = await device.GetAsync("/device/v1/approval_requests");
        var answered = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid!, "approved"));
        var after = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Golden.AssertMatches("onetouch_created", created.Body);
        Assert.Equal("pending", before.Json["approval_request"]!["status"]!.GetValue<string>());
        var request = Assert.Single(listed.Json["approval_requests"]!.AsArray())!;
        Assert.Equal(uuid, request["uuid"]!.GetValue<string>());
        Assert.Equal("Before any device", request["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal("approved", after.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal(device.DeviceId, after.Json["approval_request"]!["device"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task PostApprovalRequest_UserWithoutDevice_ExpiresAsUsual()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync()).ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);

        var created = await client.PostFormAsync(
            $"/onetouch/json/users/{authyId}/approval_requests", ("message", "Short-lived"), ("seconds_to_expire", "60"));
        var uuid = created.Json["approval_request"]?["uuid"]?.GetValue<string>();
        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var expired = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");
        using var device = await TestDevice.RegisterAsync(factory, phone);
        var listed = await device.GetAsync("/device/v1/approval_requests");
        var late = await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid!, "approved"));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("expired", expired.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Empty(listed.Json["approval_requests"]!.AsArray());
        Assert.Equal((HttpStatusCode.Conflict, "60079"), (late.Status, late.Json["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RegisterDevice_AfterPendingApprovalRequest_ItsStreamStartsWithTheRequest()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync("Waiting")).ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        var created = await client.PostFormAsync(
            $"/onetouch/json/users/{authyId}/approval_requests", ("message", "Waiting for you"), ("hidden_details[secret]", "HIDDEN-7"));
        var uuid = created.Json["approval_request"]?["uuid"]?.GetValue<string>();
        var answered = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Already expired"), ("seconds_to_expire", "1"));
        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        using var device = await TestDevice.RegisterAsync(factory, phone);
        var events = factory.Services.GetRequiredService<IDeviceEvents>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(10));

        // A first connection (no last event id) is what a newly registered authenticator opens.
        await using var subscription = events.SubscribeAsync(device.DeviceId, afterId: null, cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.True(await subscription.MoveNextAsync());
        Assert.Equal(DeviceEventTypes.ApprovalRequest, subscription.Current.Type);
        Assert.Contains(uuid!, subscription.Current.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN-7", subscription.Current.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("Already expired", subscription.Current.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData(" 60")]
    public async Task PostApprovalRequest_UnreadableSecondsToExpire_Answers60004NamingIt_AndStoresNothing(string seconds)
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var unreadable = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Log in"), ("seconds_to_expire", seconds));
        // Parsed at the edge, before the use case's checks: with the message missing too, the expiry is named.
        var twoProblems = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("seconds_to_expire", seconds));

        unreadable.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        Assert.StartsWith("Invalid parameter: seconds_to_expire", unreadable.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        twoProblems.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        Assert.StartsWith("Invalid parameter: seconds_to_expire", twoProblems.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthyDb>();
        Assert.Equal(0, await db.ApprovalRequests.CountAsync(r => r.AppId == app.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Errors_UnknownUserUnknownUuidMissingMessage()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        var unknownUuid = Guid.NewGuid().ToString();

        var unknownUser = await client.PostFormAsync("/onetouch/json/users/987654321/approval_requests", ("message", "Hi"));
        var missingMessage = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests");
        var notFound = await client.GetApiAsync($"/onetouch/json/approval_requests/{unknownUuid}");
        var notAUuid = await client.GetApiAsync("/onetouch/json/approval_requests/nope");

        unknownUser.AssertAuthyError(HttpStatusCode.NotFound, "60026");
        missingMessage.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal(
            $$"""{"message":"Approval request not found: {{unknownUuid}}","success":false,"errors":{},"error_code":"60049"}""",
            notFound.Body);
        Assert.Equal("60049", notAUuid.ErrorCode);
    }
}
