using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Authy.IntegrationTests.Support;

/// <summary>One event as <c>GET /device/v1/events</c> streams it.</summary>
public sealed record SseEvent(long Id, string Type, JsonNode Data);

/// <summary>A device's open event stream (<c>GET /device/v1/events</c>), read line by line.</summary>
public sealed class DeviceEventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    /// <summary>Opens <paramref name="device"/>'s stream, resuming after <paramref name="lastEventId"/> when given.</summary>
    public static async Task<DeviceEventStream> OpenAsync(AuthyApiFactory factory, TestDevice device, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/device/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token());
        if (lastEventId is long id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new DeviceEventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>The next event, within 10 seconds.</summary>
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

    /// <summary>The next event of <paramref name="type"/>, skipping others; each read waits at most 10 seconds.</summary>
    public async Task<SseEvent> NextEventAsync(string type)
    {
        while (true)
        {
            var next = await NextEventAsync();
            if (next.Type == type)
            {
                return next;
            }
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
