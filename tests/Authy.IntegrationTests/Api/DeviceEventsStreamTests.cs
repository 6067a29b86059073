using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>The device event stream over HTTP: "open the app" when an application's SMS is ignored, and resuming after a drop.</summary>
public abstract class DeviceEventsStreamTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(PostgresApiFactory factory) : DeviceEventsStreamTests(factory), IClassFixture<PostgresApiFactory>;

    public sealed class OnSqlite(SqliteApiFactory factory) : DeviceEventsStreamTests(factory), IClassFixture<SqliteApiFactory>;

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

    private async Task<EventStream> OpenAsync(TestDevice device, long? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/device/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token());
        if (lastEventId is long id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
    }

    private sealed record SseEvent(long Id, string Type, JsonNode Data);

    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public string? ContentType => response.Content.Headers.ContentType?.MediaType;

        public async Task<SseEvent> NextEventAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            long id = 0;
            string? type = null;
            string? data = null;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0 && data is not null)
                {
                    return new SseEvent(id, type!, JsonNode.Parse(data)!);
                }

                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }

            throw new InvalidOperationException("The stream ended before an event arrived.");
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
