using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Authy.Application.Messaging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Messaging.HttpGateway;

/// <summary>
/// The <c>Http</c> SMS provider: a JSON POST <c>{"id","to","text","locale","timestamp"}</c> to the configured gateway,
/// signed with <see cref="GatewaySignature"/>. 2xx is delivered (the answer's <c>id</c> or <c>message_id</c> becomes the
/// provider message id); 408, 429, 5xx, network errors and timeouts are retried; any other 4xx refuses the message for
/// good: an invalid number, unless the gateway names another refusal in <c>error_code</c> (<see cref="Refusal"/>).
/// </summary>
public sealed partial class HttpGatewaySmsSender(IHttpClientFactory clients, IOptions<HttpGatewayOptions> options, TimeProvider time) : ISmsSender
{
    public const string ProviderName = "http";
    public const string ClientName = "Authy.HttpGateway";

    // The answer is only read for an id or an error code; a gateway that streams megabytes back gets neither.
    private const int MaxAnswerBytes = 64 * 1024;

    // Relaxed escaping keeps non-ASCII text readable as UTF-8 instead of \u escapes. The body is never embedded in
    // HTML, which is what the default escaping protects against, and receivers verify the raw bytes anyway.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new GatewayRequest(Guid.NewGuid().ToString("D"), message.To, message.Text, message.Locale, timestamp), Json);

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(GatewaySignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(GatewaySignature.SignatureHeader, GatewaySignature.Compute(settings.Secret, timestamp, body));
        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed (the caller's token is intact): transient, like any unanswered request.
            throw new TimeoutException($"The SMS gateway did not answer within {settings.TimeoutSeconds} s.", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var answer = await ReadAnswerAsync(response.Content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryReceipt(ProviderName, Field(answer, "id") ?? Field(answer, "message_id"));
            }

            if (IsPermanent(response.StatusCode))
            {
                throw new PermanentDeliveryException(ProviderName, Refusal(Field(answer, "error_code")), $"the SMS gateway answered {status}");
            }

            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"The SMS gateway answered {status}."), null, response.StatusCode);
        }
    }

    /// <summary>A 4xx says the gateway will refuse this request again, except 408 (too slow) and 429 (too many), which pass.</summary>
    internal static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;

    private static async Task<JsonObject?> ReadAnswerAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        try
        {
            return JsonNode.Parse(buffer.AsSpan(0, length)) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // the status alone decides; an unreadable answer only loses the id
        }
    }

    private static string? Field(JsonObject? answer, string name) => answer?[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// The refusal a gateway names in <c>error_code</c>. The gateway protocol (docs/configuration.md) names refusals by
    /// the Authy error codes gateways were written against; this table is the one place those codes are read.
    /// </summary>
    internal static DeliveryRefusal Refusal(string? errorCode) => errorCode switch
    {
        null or "" or "60033" => DeliveryRefusal.InvalidNumber,
        "60082" => DeliveryRefusal.NotMobile,
        "60013" => DeliveryRefusal.CountryNotAllowed,
        "60115" => DeliveryRefusal.OptedOut,
        _ => DeliveryRefusal.Refused,
    };

    /// <summary>The request body; the property order here is the order on the wire.</summary>
    internal sealed record GatewayRequest(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("locale")] string Locale,
        [property: JsonPropertyName("timestamp")] long Timestamp);
}
