using System.Net;
using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Routing;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Delivery;

/// <summary>
/// The provider circuit breaker (Microsoft.Extensions.Http.Resilience): once the gateway fails most requests, further
/// messages skip it and go straight to the fallback. A class (and so a server) of its own, because it leaves the
/// circuit open.
/// </summary>
public abstract class CircuitBreakerTests(DeliveryApiFactory factory)
{
    public sealed class OnPostgres(FailoverApiFactory<Postgres> factory) : CircuitBreakerTests(factory), IClassFixture<FailoverApiFactory<Postgres>>;

    public sealed class OnSqlite(FailoverApiFactory<Sqlite> factory) : CircuitBreakerTests(factory), IClassFixture<FailoverApiFactory<Sqlite>>;

    [Fact]
    public async Task GatewayFailingEveryRequest_OpensTheCircuit_LaterMessagesGoStraightToTheFallback()
    {
        var app = await factory.CreateAppAsync("Outage");
        var client = factory.CreateApiClient(app.ApiKey);
        factory.Gateway.AnswerNext([.. Enumerable.Repeat(new GatewayAnswer(HttpStatusCode.ServiceUnavailable), 100)]);
        var before = factory.Gateway.Received.Count;
        var phones = Enumerable.Range(0, ProviderResilience.MinimumThroughput + 5).Select(_ => TestPhone.Next()).ToList();

        foreach (var phone in phones)
        {
            var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
            await client.GetApiAsync($"/protected/json/sms/{id}");
            await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164);
        }

        // Every message reached the user through the fallback, but the gateway stopped being asked once the circuit
        // opened: it saw at most the sampling minimum.
        var asked = factory.Gateway.Received.Count - before;
        Assert.InRange(asked, ProviderResilience.MinimumThroughput / 2, ProviderResilience.MinimumThroughput);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("BrokenCircuitException", StringComparison.Ordinal));
    }
}
