using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Authy.Application.Messaging;
using Authy.Application.Signatures;
using Microsoft.AspNetCore.WebUtilities;

namespace Authy.Infrastructure.Messaging.Callbacks;

/// <summary>
/// Delivers application callbacks exactly as Authy did (spec §3.17): POST with the JSON body, or GET with the
/// parameters flattened into the query string, signed with <c>X-Authy-Signature</c> over
/// <c>nonce|METHOD|url-without-query|sorted-params</c> and <c>X-Authy-Signature-Nonce</c> = unix seconds at send time.
/// A non-2xx answer throws, so the outbox retries with backoff; the client is an outbound one
/// (<see cref="Outbound.OutboundHttp"/>): checked addresses, no redirects, no body read.
/// </summary>
public sealed class HttpCallbackSender(HttpClient http, TimeProvider time) : ICallbackSender
{
    public const string SignatureHeader = "X-Authy-Signature";
    public const string NonceHeader = "X-Authy-Signature-Nonce";

    public async Task<DeliveryReceipt> SendAsync(SignedCallback message, CancellationToken cancellationToken)
    {
        var url = new Uri(message.Url);
        var body = JsonNode.Parse(message.Body)?.AsObject() ?? throw new InvalidOperationException("A callback body must be a JSON object.");
        var nonce = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var method = message.Method.ToUpperInvariant();

        using var request = method == "GET" ? GetRequest(url, body, out var canonical) : PostRequest(url, body, out canonical);
        request.Headers.Add(NonceHeader, nonce);
        request.Headers.Add(SignatureHeader, AuthySignature.Compute(message.SigningKey, nonce, method, AuthySignature.UrlWithoutQuery(url), canonical));

        return await ReceiverAnswers.SendAsync(http, request, "callback", cancellationToken);
    }

    private static HttpRequestMessage PostRequest(Uri url, JsonObject body, out string canonical)
    {
        canonical = AuthyCanonicalParams.FromJson(body);
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>GET: the callback URL's own query parameters and the flattened body, signed and sent together.</summary>
    private static HttpRequestMessage GetRequest(Uri url, JsonObject body, out string canonical)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var pair in new QueryStringEnumerable(url.Query))
        {
            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }

        foreach (var pair in new QueryStringEnumerable(AuthyCanonicalParams.FromJson(body)))
        {
            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }

        canonical = AuthyCanonicalParams.FromPairs(pairs);
        return new HttpRequestMessage(HttpMethod.Get, new UriBuilder(url) { Query = canonical }.Uri);
    }
}
