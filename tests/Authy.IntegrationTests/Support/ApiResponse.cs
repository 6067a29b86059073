using System.Net;
using System.Text.Json.Nodes;

namespace Authy.IntegrationTests.Support;

/// <summary>A response read whole: status, raw body and parsed JSON.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    public string? ErrorCode => Json["error_code"]?.GetValue<string>();

    /// <summary>The <c>Retry-After</c> header as a number of seconds, when the response has one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static async Task<ApiResponse> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiResponse(response.StatusCode, body, response.Content.Headers.ContentType?.ToString())
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
    }

    /// <summary>Asserts an Authy error body: the status, <c>error_code</c> as a string, <c>success:false</c> and a flat <c>errors</c> map.</summary>
    public ApiResponse AssertAuthyError(HttpStatusCode status, string errorCode)
    {
        Assert.Equal(status, Status);
        var json = Json;
        Assert.Equal(errorCode, json["error_code"]!.GetValue<string>());
        Assert.False(json["success"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(json["message"]!.GetValue<string>()));
        var errors = Assert.IsType<JsonObject>(json["errors"]);
        Assert.All(errors, pair => Assert.Equal(System.Text.Json.JsonValueKind.String, pair.Value!.GetValueKind()));
        return this;
    }
}

public static class HttpClientExtensions
{
    public static Task<ApiResponse> GetApiAsync(this HttpClient client, string path) =>
        ApiResponse.ReadAsync(client.GetAsync(path, TestContext.Current.CancellationToken));

    public static Task<ApiResponse> PostFormAsync(this HttpClient client, string path, params (string Key, string Value)[] form) =>
        ApiResponse.ReadAsync(client.PostAsync(
            path,
            new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
            TestContext.Current.CancellationToken));

    public static Task<ApiResponse> PostJsonAsync(this HttpClient client, string path, string json) =>
        ApiResponse.ReadAsync(client.PostAsync(
            path,
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken));

    public static Task<ApiResponse> SendApiAsync(this HttpClient client, HttpRequestMessage request) =>
        ApiResponse.ReadAsync(client.SendAsync(request, TestContext.Current.CancellationToken));
}
