using System.Text;
using System.Text.Json.Nodes;
using Authy.Application.Messaging;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Messaging.Callbacks;

namespace Authy.Infrastructure.Messaging.Webhooks;

/// <summary>
/// Delivers webhook events as Authy did (spec §3.18): a POST whose JSON body is <c>{"body":"&lt;JWT&gt;"}</c>, the shape
/// AuthySE's sample receiver reads (<c>req.body.body</c>). A non-2xx answer throws, so the outbox retries with backoff;
/// the client is an outbound one (<see cref="Outbound.OutboundHttp"/>): checked addresses, no redirects, no body read.
/// </summary>
public sealed class HttpWebhookSender(HttpClient http) : IWebhookSender
{
    public const string ProviderName = "webhook";

    public async Task<DeliveryReceipt> SendAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(post.Url))
        {
            Content = new StringContent(new JsonObject { ["body"] = post.Jwt }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await ReceiverAnswers.SendAsync(http, request, ProviderName, cancellationToken);
    }
}
