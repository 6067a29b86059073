using System.Net;
using System.Text.Json.Nodes;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Delivery;

/// <summary>
/// Failover within one attempt (issue 6 item 5): the Http gateway answering 500 or hanging past
/// Messaging:ProviderTimeoutSeconds, and the SMTP server down, each hand the same message (the same code) to the Log
/// fallback, and the outbox records <c>log</c> as the provider. On both database providers.
/// </summary>
public abstract class FailoverTests(DeliveryApiFactory factory)
{
    public sealed class OnPostgres(FailoverApiFactory<Postgres> factory) : FailoverTests(factory), IClassFixture<FailoverApiFactory<Postgres>>;

    public sealed class OnSqlite(FailoverApiFactory<Sqlite> factory) : FailoverTests(factory), IClassFixture<FailoverApiFactory<Sqlite>>;

    private async Task<(int AppId, HttpClient Client, long Id, TestPhone Phone, string Email)> NewUserAsync()
    {
        var app = await factory.CreateAppAsync("Failover");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var email = $"fo.{Guid.NewGuid():N}@example.com";
        return (app.Id, client, await AuthyApiFactory.RegisterUserAsync(client, phone, email), phone, email);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetSms_GatewayAnswers500OrHangsPastProviderTimeout_SameTextGoesToLogInTheSameAttempt(bool hang)
    {
        var (appId, client, id, phone, _) = await NewUserAsync();
        var before = factory.Gateway.Received.Count;
        factory.Gateway.AnswerNext(hang ? GatewayAnswer.Hang(TimeSpan.FromSeconds(8)) : new GatewayAnswer(HttpStatusCode.InternalServerError));

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var atFallback = await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164);
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);
        var atGateway = await factory.Gateway.WaitForAsync(before + 1);

        Assert.Equal(JsonNode.Parse(atGateway.Body)!["text"]!.GetValue<string>(), atFallback.Text);
        Assert.Equal((OutboxStatus.Delivered, "log", 1), (row.Status, row.Provider, row.Attempts));
        var reason = hang ? "Http did not answer within 1 s." : "The SMS gateway answered 500.";
        Assert.Contains(factory.Logs.Lines, l =>
            l.Contains("\"SMS\" provider Http failed", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostEmail_SmtpServerDown_SameMessageGoesToLogAndItsCodeVerifies()
    {
        var (appId, client, id, _, email) = await NewUserAsync();

        await client.PostFormAsync($"/protected/json/email/{id}");
        var atFallback = await factory.Senders.WaitForAsync<EmailMessage>(m => m.To == email);
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Email);
        var code = Codes.Extract(atFallback.TextBody);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal((OutboxStatus.Delivered, "log", 1), (row.Status, row.Provider, row.Attempts));
        Assert.Contains(code, atFallback.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Empty(factory.Smtp.Received);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("\"E-mail\" provider Smtp failed", StringComparison.Ordinal) && l.Contains("moves to Log", StringComparison.Ordinal));
    }
}
