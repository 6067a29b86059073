using System.Net;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>The device event stream over HTTP: "open the app" when an application's SMS is ignored, and resuming after a drop.</summary>
public abstract class DeviceEventsStreamTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : DeviceEventsStreamTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : DeviceEventsStreamTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    [Fact]
    public async Task GetEvents_SmsIgnoredForDeviceUser_StreamsTokenRequestedAndResumesAfterDrop()
    {
        var app = await factory.CreateAppAsync("Acme");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        using var device = await TestDevice.RegisterAsync(factory, phone);

        using var stream = await OpenAsync(device, lastEventId: null);
        Assert.Equal("text/event-stream", stream.ContentType);
        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        var first = await stream.NextEventAsync();

        Assert.Equal("token_requested", first.Type);
        Assert.Equal("Acme", first.Data["app_name"]!.GetValue<string>());
        Assert.Equal(app.Id, first.Data["app_id"]!.GetValue<int>());
        Assert.Equal("sms", first.Data["channel"]!.GetValue<string>());
        stream.Dispose();

        // While disconnected, two more requests happen; a reconnect with the last id gets exactly those, in order.
        await client.GetApiAsync($"/protected/json/call/{authyId}");
        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        using var resumed = await OpenAsync(device, first.Id);
        var second = await resumed.NextEventAsync();
        var third = await resumed.NextEventAsync();

        Assert.Equal("call", second.Data["channel"]!.GetValue<string>());
        Assert.Equal("sms", third.Data["channel"]!.GetValue<string>());
        Assert.True(first.Id < second.Id && second.Id < third.Id);
    }

    [Fact]
    public async Task GetEvents_AccessTokenInQuery_IsAccepted()
    {
        using var device = await TestDevice.RegisterAsync(factory, TestPhone.Next());

        using var response = await factory.CreateClient().SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/device/v1/events?access_token={device.Token()}"),
            HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<DeviceEventStream> OpenAsync(TestDevice device, long? lastEventId) => DeviceEventStream.OpenAsync(factory, device, lastEventId);
}
