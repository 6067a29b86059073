using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Delivery;

/// <summary>
/// sms/{id} through the real Http provider to a gateway on loopback: the exact JSON, a signature recomputed here from
/// the documented recipe, the receiver's id kept, and which answers are retried (500, a timeout) or final (400).
/// On both database providers.
/// </summary>
public abstract class HttpGatewayDeliveryTests(DeliveryApiFactory factory)
{
    public sealed class OnPostgres(DeliveryApiFactory<Postgres> factory) : HttpGatewayDeliveryTests(factory), IClassFixture<DeliveryApiFactory<Postgres>>;

    public sealed class OnSqlite(DeliveryApiFactory<Sqlite> factory) : HttpGatewayDeliveryTests(factory), IClassFixture<DeliveryApiFactory<Sqlite>>;

    private async Task<(int AppId, HttpClient Client, long Id, TestPhone Phone, int Before)> NewUserAsync(
        string appName = "Acme", Action<Authy.Application.Apps.AppSettings>? configure = null)
    {
        var app = await factory.CreateAppAsync(appName, configure);
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        return (app.Id, client, await AuthyApiFactory.RegisterUserAsync(client, phone), phone, factory.Gateway.Received.Count);
    }

    /// <summary>The docs' recipe, written independently of the server's code: v1= hex HMAC-SHA256 of "{timestamp}.{body}".</summary>
    private static string ExpectedSignature(string timestamp, byte[] body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(DeliveryApiFactory.GatewaySecret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));

    [Fact]
    public async Task GetSms_GatewayDownAndAppAllowsVoice_TheSameCodeIsCalledInstead()
    {
        var (appId, client, id, phone, before) = await NewUserAsync("Voice fallback", s => s.SmsFallbackToVoice = true);
        factory.Gateway.AnswerNext(new GatewayAnswer(HttpStatusCode.InternalServerError));

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var atGateway = await factory.Gateway.WaitForAsync(before + 1);
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);
        var code = Codes.Extract(JsonNode.Parse(atGateway.Body)!["text"]!.GetValue<string>());
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        // No SMS fallback is configured here: "log" is the voice chain's Log provider, reached through the call.
        Assert.Equal((OutboxStatus.Delivered, "log", 1), (row.Status, row.Provider, row.Attempts));
        Assert.Contains(factory.Logs.Lines, l => l.Contains($"Log provider: call to \"+1-XXX-XXX-XX{phone.LastTwo}\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task GetSms_HttpGateway_ReceiverGetsExactSignedJsonAndItsIdIsKept()
    {
        var (appId, client, id, phone, before) = await NewUserAsync();
        factory.Gateway.AnswerNext(GatewayAnswer.Ok("""{"id":"gw-msg-42","status":"queued"}"""));

        var sent = await client.GetApiAsync($"/protected/json/sms/{id}");
        var request = await factory.Gateway.WaitForAsync(before + 1);
        var json = JsonNode.Parse(request.Body)!.AsObject();
        var code = Codes.Extract(json["text"]!.GetValue<string>());
        var timestamp = request.Headers["X-Authy-Gateway-Timestamp"];
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 5, factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.True(Guid.TryParseExact(json["id"]!.GetValue<string>(), "D", out _));
        var expectedBody =
            $$"""{"id":"{{json["id"]}}","to":"{{phone.E164}}","text":"Your Acme verification code is: {{code}}","locale":"en","timestamp":{{timestamp}}}""";
        Assert.Equal(expectedBody, Encoding.UTF8.GetString(request.Body));
        Assert.Equal(ExpectedSignature(timestamp, request.Body), request.Headers["X-Authy-Gateway-Signature"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal(DeliveryApiFactory.GatewayApiKey, request.Headers["X-Api-Key"]);
        Assert.Equal((OutboxStatus.Delivered, "http", "gw-msg-42"), (row.Status, row.Provider, row.ProviderMessageId));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(code, StringComparison.Ordinal) || l.Contains(phone.National, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetSms_NonAsciiText_IsSentAsUtf8AndSignedOverTheBytes()
    {
        var (appId, client, id, _, before) = await NewUserAsync("Café Ñandú");

        await client.GetApiAsync($"/protected/json/sms/{id}?locale=es");
        var request = await factory.Gateway.WaitForAsync(before + 1);
        await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);

        Assert.Contains("\"text\":\"Tu código de verificación de Café Ñandú es: ", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        Assert.Contains("\"locale\":\"es\"", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        Assert.Equal(ExpectedSignature(request.Headers["X-Authy-Gateway-Timestamp"], request.Body), request.Headers["X-Authy-Gateway-Signature"]);
    }

    [Fact]
    public async Task GetSms_Gateway500Then200_IsRetriedAndDelivered()
    {
        var (appId, client, id, _, before) = await NewUserAsync();
        factory.Gateway.AnswerNext(new GatewayAnswer(HttpStatusCode.InternalServerError));

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);
        var requests = factory.Gateway.Received.Skip(before).ToList();

        Assert.Equal((OutboxStatus.Delivered, 2), (row.Status, row.Attempts));
        Assert.Equal(2, requests.Count);
        Assert.Equal(Field(requests[0], "text"), Field(requests[1], "text"));
        Assert.NotEqual(Field(requests[0], "id"), Field(requests[1], "id"));
    }

    [Fact]
    public async Task GetSms_Gateway400_FailsAtOnceAsInvalidNumber()
    {
        var (appId, client, id, _, before) = await NewUserAsync();
        factory.Gateway.AnswerNext(new GatewayAnswer(HttpStatusCode.BadRequest, """{"error":"invalid destination"}"""));

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);

        Assert.Equal((OutboxStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("(InvalidNumber)", row.LastError, StringComparison.Ordinal);
        Assert.Equal(before + 1, factory.Gateway.Received.Count);
    }

    [Fact]
    public async Task GetSms_Gateway422NamingAnAuthyCode_FailsAtOnceWithItsRefusal()
    {
        var (appId, client, id, _, _) = await NewUserAsync();
        factory.Gateway.AnswerNext(new GatewayAnswer(HttpStatusCode.UnprocessableEntity, """{"error_code":"60082"}"""));

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);

        Assert.Equal((OutboxStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("(NotMobile)", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSms_GatewayTooSlow_IsRetriedAndDelivered()
    {
        var (appId, client, id, _, before) = await NewUserAsync();
        factory.Gateway.AnswerNext(GatewayAnswer.Hang(TimeSpan.FromSeconds(DeliveryApiFactory.GatewayTimeoutSeconds + 3)));

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var row = await DeliveryOutbox.SettledAsync(factory, appId, OutboxChannel.Sms);

        Assert.Equal((OutboxStatus.Delivered, 2), (row.Status, row.Attempts));
        Assert.Equal(before + 2, factory.Gateway.Received.Count);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("TimeoutException: The SMS gateway did not answer within 1 s.", StringComparison.Ordinal));
    }

    private static string Field(GatewayRequest request, string name) => JsonNode.Parse(request.Body)![name]!.GetValue<string>();
}
