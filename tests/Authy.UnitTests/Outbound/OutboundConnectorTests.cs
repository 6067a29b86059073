using System.Net;
using System.Net.Sockets;
using Authy.Application.Messaging;
using Authy.Application.Outbound;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Messaging.Outbound;
using Authy.Infrastructure.Messaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Authy.UnitTests.Outbound;

/// <summary>The connect-time check through the webhook client as the server registers it, against a loopback listener.</summary>
public sealed class OutboundConnectorTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public OutboundConnectorTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Stop();

    private static IWebhookSender Sender(bool allowPrivateNetworks)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new OutboundOptions { AllowPrivateNetworks = allowPrivateNetworks, ConnectTimeoutSeconds = 2, TimeoutSeconds = 5 }));
        services.AddOutboundHttpClient<IWebhookSender, HttpWebhookSender>();
        return services.BuildServiceProvider().GetRequiredService<IWebhookSender>();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")] // a name: resolved by the connector, then refused for what it resolves to
    public async Task Send_LoopbackReceiver_IsRefusedForGoodWithoutConnecting(string host)
    {
        var sending = Sender(allowPrivateNetworks: false).SendAsync(new WebhookPost($"http://{host}:{Port}/hook", "a.b.c"), TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<PermanentDeliveryException>(() => sending);
        Assert.Contains("not a public address", refused.Message, StringComparison.Ordinal);
        Assert.IsType<OutboundAddressRefusedException>(refused.InnerException?.InnerException);
        Assert.False(_listener.Pending()); // no connection was attempted
    }

    [Fact]
    public async Task Send_LoopbackReceiverWithPrivateNetworksAllowed_Connects()
    {
        var sending = Sender(allowPrivateNetworks: true).SendAsync(new WebhookPost($"http://127.0.0.1:{Port}/hook", "a.b.c"), TestContext.Current.CancellationToken);
        await AnswerAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");

        var receipt = await sending;

        Assert.Equal("204", receipt.ProviderMessageId);
    }

    [Fact]
    public async Task Send_RedirectAnswer_IsAFailedAttemptNotFollowed()
    {
        var sending = Sender(allowPrivateNetworks: true).SendAsync(new WebhookPost($"http://127.0.0.1:{Port}/hook", "a.b.c"), TestContext.Current.CancellationToken);
        await AnswerAsync("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\n\r\n");

        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => sending);

        Assert.Equal(HttpStatusCode.Found, failed.StatusCode);
        Assert.Contains("redirects are not followed", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>Accepts the sender's connection, reads its whole request (its JSON body ends with <c>}</c>) and writes <paramref name="response"/>.</summary>
    private async Task AnswerAsync(string response)
    {
        using var accepted = await _listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = accepted.GetStream();
        var request = new System.Text.StringBuilder();
        var buffer = new byte[8192];
        while (!request.ToString().EndsWith('}'))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.NotEqual(0, read);
            request.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(response), TestContext.Current.CancellationToken);
    }
}
