using System.Net;
using System.Text;
using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Twilio;
using Microsoft.Extensions.Logging.Abstractions;

namespace Authy.UnitTests.Messaging.Twilio;

/// <summary>
/// How answers from Twilio's REST API, as the library reports them, become this server's outcomes: a sid, a permanent
/// refusal, or an exception the outbox retries, also when the library cannot read the answer. The wire itself is
/// checked against the fake Twilio in the integration tests.
/// </summary>
public sealed class TwilioApiTests
{
    private const string To = "+15551234567";

    private static readonly TwilioOptions Options = new()
    {
        AccountSid = "AC0123456789abcdef0123456789abcdef",
        AuthToken = "token",
        From = "+15005550006",
        BaseUrl = "http://127.0.0.1:9/fake-twilio",
        ResolvedPublicBaseUrl = "https://authy.example.test",
    };

    [Fact]
    public async Task Created_ReturnsTheSid_FromTheRequestSentToTheBaseUrl()
    {
        var wire = new Wire((_, _) => Task.FromResult(Answer(HttpStatusCode.Created, """{"sid":"SM123"}""")));

        var receipt = await Sender(wire).SendAsync(new SmsMessage(To, "Your code is 1234567", "en"), TestContext.Current.CancellationToken);

        Assert.Equal(new DeliveryReceipt("twilio", "SM123"), receipt);
        Assert.Equal($"http://127.0.0.1:9/fake-twilio/2010-04-01/Accounts/{Options.AccountSid}/Messages.json", wire.Uri!.ToString());
    }

    [Fact]
    public async Task DestinationError_IsPermanent_WithCodeAndStatusButNotTwilioText()
    {
        var wire = new Wire((_, _) => Task.FromResult(Answer(HttpStatusCode.BadRequest, $$"""{"code":21211,"message":"The 'To' number {{To}} is not a valid phone number.","status":400}""")));

        var error = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Send(wire, TestContext.Current.CancellationToken));

        Assert.Equal(DeliveryRefusal.InvalidNumber, error.Refusal);
        Assert.Contains("Twilio answered 400 with error 21211 for Messages.json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(To, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html>Bad gateway</html>")] // a proxy's page: no Twilio JSON
    [InlineData(HttpStatusCode.Unauthorized, "")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"code":20429,"message":"Too Many Requests","status":429}""")]
    public async Task UnreadableThrottledOrUnauthorized_IsRetried_ClassifiedByTheHttpStatus(HttpStatusCode status, string body)
    {
        var wire = new Wire((_, _) => Task.FromResult(Answer(status, body)));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Send(wire, TestContext.Current.CancellationToken));

        Assert.Equal(status, error.StatusCode);
        Assert.StartsWith($"Twilio answered {(int)status} with error ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("html", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NetworkError_IsRethrownAsTheHttpClientThrewIt()
    {
        var refused = new HttpRequestException("Connection refused");
        var wire = new Wire((_, _) => Task.FromException<HttpResponseMessage>(refused));

        Assert.Same(refused, await Assert.ThrowsAsync<HttpRequestException>(() => Send(wire, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Cancelled_CancelsTheRequestInFlight()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var wire = new Wire(async (_, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return Answer(HttpStatusCode.Created, "{}");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(wire, cancellation.Token));
        Assert.True(wire.Cancelled);
    }

    [Fact]
    public async Task CancelledBefore_SendsNothing()
    {
        var wire = new Wire((_, _) => Task.FromResult(Answer(HttpStatusCode.Created, """{"sid":"SM123"}""")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(wire, new CancellationToken(canceled: true)));
        Assert.Null(wire.Uri);
    }

    private static TwilioSmsSender Sender(Wire wire) =>
        new(new TwilioApi(new Clients(wire), Options, NullLogger<TwilioApi>.Instance), Options);

    private static Task Send(Wire wire, CancellationToken cancellationToken) =>
        Sender(wire).SendAsync(new SmsMessage(To, "Your code is 1234567", "en"), cancellationToken);

    private static HttpResponseMessage Answer(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>The named client as the provider registers it, minus the circuit breaker.</summary>
    private sealed class Clients(Wire wire) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) =>
            new(new TwilioBaseUrlHandler(Options) { InnerHandler = wire }, disposeHandler: false);
    }

    private sealed class Wire(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }

        public bool Cancelled { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri;
            try
            {
                return await answer(request, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }
}
