using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Authy.Application.Messaging;
using Authy.Infrastructure.Outbox;
using Authy.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// SMS and calls through the real Twilio provider against <see cref="FakeTwilio"/> over HTTP: the exact requests, error
/// mapping and retries, the call's key challenge and TwiML, signed callbacks and delivery status. On both databases;
/// the SQLite run authenticates with an API key, the PostgreSQL run with the Auth Token.
/// </summary>
public abstract partial class TwilioDeliveryTests(TwilioApiFactory factory)
{
    public sealed class OnPostgres(TwilioApiFactory<Postgres> factory) : TwilioDeliveryTests(factory), IClassFixture<TwilioApiFactory<Postgres>>;

    public sealed class OnSqlite(TwilioApiKeyApiFactory<Sqlite> factory) : TwilioDeliveryTests(factory), IClassFixture<TwilioApiKeyApiFactory<Sqlite>>;

    private FakeTwilio Twilio => factory.Twilio;

    private async Task<(HttpClient Client, long AuthyId, TestPhone Phone)> UserAsync()
    {
        var app = await factory.CreateAppAsync("Twilio Shop");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        return (client, await AuthyApiFactory.RegisterUserAsync(client, phone), phone);
    }

    private Task<TwilioRequest> MessageToAsync(TestPhone phone, int count = 1) =>
        WaitForAsync("Messages", phone, count);

    private async Task<TwilioRequest> WaitForAsync(string resource, TestPhone phone, int count = 1)
    {
        for (var i = 0; i < 200; i++)
        {
            var matching = Twilio.Requests.Where(r => r.Resource == resource && r.Form.GetValueOrDefault("To") == phone.E164).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Twilio got no {resource} request #{count} for the test phone.");
    }

    [Fact]
    public async Task Sms_TwilioReceivesExactRequestWithTheCode_AndOutboxKeepsItsSid()
    {
        var (client, authyId, phone) = await UserAsync();

        var response = await client.GetApiAsync($"/protected/json/sms/{authyId}");
        var request = await MessageToAsync(phone);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Messages.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(factory.UsesApiKey ? FakeTwilio.ApiKeySid : FakeTwilio.AccountSid, request.User);
        Assert.Equal(["Body", "From", "StatusCallback", "To"], request.Form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(phone.E164, request.Form["To"]);
        Assert.Equal(FakeTwilio.From, request.Form["From"]);
        Assert.Equal($"{TwilioApiFactory.PublicBaseUrl}/twilio/status", request.Form["StatusCallback"]);
        Assert.NotNull(request.Sid);
        var code = Codes.Extract(request.Form["Body"]);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{authyId}");
        Assert.Equal(HttpStatusCode.OK, verified.Status);

        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == request.Sid && m.Status == OutboxStatus.Delivered);
        Assert.Equal("twilio", row.Provider);
        Assert.Null(row.DeliveryStatus);
        AssertLogsHoldNoSecrets(phone, code);
    }

    [Fact]
    public async Task Sms_InvalidNumberError_FailsAtOnceAsInvalidNumberAndIsNotRetried()
    {
        var (client, authyId, phone) = await UserAsync();
        Twilio.RefuseNext(phone.E164, HttpStatusCode.BadRequest, 21211, $"The 'To' number {phone.E164} is not a valid phone number.");

        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        await MessageToAsync(phone);
        var row = await factory.OutboxRowAsync(m => m.Channel == OutboxChannel.Sms && m.UserId == authyId && m.Status != OutboxStatus.Pending);
        factory.Clock.Advance(TimeSpan.FromMinutes(10)); // past any backoff
        // A round of another node, after the clock moved: a row due again is claimed by the time it returns (by it or
        // by the server's own dispatcher), and a claim counts an attempt.
        await ActivatorUtilities.CreateInstance<OutboxDispatcher>(factory.Services).DispatchDueAsync(TestContext.Current.CancellationToken);
        var after = await factory.OutboxRowAsync(m => m.Id == row.Id);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(OutboxStatus.Failed, after.Status);
        Assert.Equal(1, after.Attempts);
        Assert.Contains("(InvalidNumber)", row.LastError, StringComparison.Ordinal);
        Assert.Contains("21211", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(phone.E164, row.LastError, StringComparison.Ordinal); // Twilio's text echoes the number
        Assert.Single(Twilio.Requests, r => r.Form.GetValueOrDefault("To") == phone.E164);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(phone.E164, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 20500)]
    [InlineData(HttpStatusCode.TooManyRequests, 20429)]
    [InlineData(HttpStatusCode.Unauthorized, 20003)]
    public async Task Sms_TransientOrConfigurationError_IsRetriedThenDelivered(HttpStatusCode status, int twilioCode)
    {
        var (client, authyId, phone) = await UserAsync();
        Twilio.RefuseNext(phone.E164, status, twilioCode, "Refused by the test");

        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        await MessageToAsync(phone);
        // The backoff (2 s) runs on the server's clock.
        for (var i = 0; i < 100 && Twilio.Requests.Count(r => r.Form.GetValueOrDefault("To") == phone.E164) < 2; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var second = await MessageToAsync(phone, 2);
        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == second.Sid && m.Status == OutboxStatus.Delivered);

        Assert.Equal(2, row.Attempts);
        Assert.Equal(Codes.Extract((await MessageToAsync(phone)).Form["Body"]), Codes.Extract(second.Form["Body"]));
    }

    [Fact]
    public async Task Sms_StatusCallbacks_MoveTheRowForwardOnly_AndShowOnDevMessages()
    {
        var (client, authyId, phone) = await UserAsync();
        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        var request = await MessageToAsync(phone);
        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == request.Sid);

        var sent = await Twilio.PostMessageStatusAsync(request, "sent");
        var afterSent = await factory.OutboxRowAsync(m => m.Id == row.Id);
        var delivered = await Twilio.PostMessageStatusAsync(request, "delivered");
        var late = await Twilio.PostMessageStatusAsync(request, "sent"); // out of order
        var final = await factory.OutboxRowAsync(m => m.Id == row.Id);
        var page = await factory.CreateClient().GetApiAsync("/dev/messages");

        Assert.Equal(HttpStatusCode.NoContent, sent.Status);
        Assert.Equal(DeliveryStatus.Sent, afterSent.DeliveryStatus);
        Assert.Equal(HttpStatusCode.NoContent, delivered.Status);
        Assert.Equal(HttpStatusCode.NoContent, late.Status);
        Assert.Equal(DeliveryStatus.Delivered, final.DeliveryStatus);
        Assert.Equal(factory.Clock.GetUtcNow(), final.DeliveryStatusAt);
        var listed = page.Json.AsArray().Single(m => m!["id"]!.GetValue<string>() == row.Id.ToString());
        Assert.Equal("delivered", listed!["delivery_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sms_UndeliveredCallback_RecordsTwilioErrorCode()
    {
        var (client, authyId, phone) = await UserAsync();
        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        var request = await MessageToAsync(phone);
        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == request.Sid);

        await Twilio.PostMessageStatusAsync(request, "undelivered", "30003");
        var updated = await factory.OutboxRowAsync(m => m.Id == row.Id);

        Assert.Equal(DeliveryStatus.Undelivered, updated.DeliveryStatus);
        Assert.Equal("30003", updated.ProviderErrorCode);
    }

    [Fact]
    public async Task StatusCallback_ForgedOrUnsigned_Returns403AndChangesNothing()
    {
        var (client, authyId, phone) = await UserAsync();
        await client.GetApiAsync($"/protected/json/sms/{authyId}");
        var request = await MessageToAsync(phone);
        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == request.Sid);

        var forged = await Twilio.PostMessageStatusAsync(request, "delivered", signingToken: "not-the-auth-token");
        var unsigned = await Twilio.PostMessageStatusAsync(request, "delivered", signingToken: null);
        var after = await factory.OutboxRowAsync(m => m.Id == row.Id);

        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.Equal(string.Empty, forged.Body);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        Assert.Null(after.DeliveryStatus);
    }

    [Fact]
    public async Task Call_RightKey_ReadsTheCodeDigitByDigitInTheLocale_AndCompletesAsDelivered()
    {
        var (client, authyId, phone) = await UserAsync();

        await client.GetApiAsync($"/protected/json/call/{authyId}?locale=de");
        var call = await WaitForAsync("Calls", phone);
        var gather = await Twilio.AnswerCallAsync(call);
        var digit = PromptDigit(gather, "de-DE", "Polly.Vicki", "Drücken Sie die {0}, um Ihren Code zu hören.");
        var readout = await Twilio.PressAsync(call, gather, digit);

        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Calls.json", call.Path);
        Assert.Equal(FakeTwilio.From, call.Form["From"]);
        Assert.StartsWith($"{TwilioApiFactory.PublicBaseUrl}/twilio/voice?call=", call.Form["Url"], StringComparison.Ordinal);
        Assert.Equal($"{TwilioApiFactory.PublicBaseUrl}/twilio/status", call.Form["StatusCallback"]);
        var say = Assert.Single(readout.Root!.Elements("Say"));
        Assert.Equal("de-DE", say.Attribute("language")!.Value);
        var spoken = SpokenCode().Matches(say.Value).Select(m => m.Value.Replace(", ", string.Empty, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, spoken.Count); // said, then repeated
        Assert.Equal(spoken[0], spoken[1]);
        Assert.StartsWith("Ihr Bestätigungscode", say.Value, StringComparison.Ordinal);
        Assert.NotNull(readout.Root.Element("Hangup"));
        var verified = await client.GetApiAsync($"/protected/json/verify/{spoken[0]}/{authyId}");
        Assert.Equal(HttpStatusCode.OK, verified.Status);

        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == call.Sid);
        Assert.Equal(HttpStatusCode.NoContent, (await Twilio.PostCallStatusAsync(call, "ringing", 0)).Status);
        await Twilio.PostCallStatusAsync(call, "completed", 2);
        Assert.Equal(DeliveryStatus.Delivered, (await factory.OutboxRowAsync(m => m.Id == row.Id)).DeliveryStatus);
        AssertLogsHoldNoSecrets(phone, spoken[0]);
    }

    [Fact]
    public async Task Call_WrongKey_HangsUpWithoutTheCode_AndTheCallIsSpent()
    {
        var (client, authyId, phone) = await UserAsync();

        await client.GetApiAsync($"/protected/json/call/{authyId}");
        var call = await WaitForAsync("Calls", phone);
        var gather = await Twilio.AnswerCallAsync(call);
        var digit = PromptDigit(gather, "en-US", "Polly.Joanna", "Press {0} to hear your code.");
        var wrong = digit == "9" ? "1" : "9";
        var refused = await Twilio.PressAsync(call, gather, wrong);
        var retried = await Twilio.PressAsync(call, gather, digit);
        var answeredAgain = await Twilio.AnswerCallAsync(call);

        AssertOnlyHangsUp(refused);
        AssertOnlyHangsUp(retried);
        AssertOnlyHangsUp(answeredAgain);
        var row = await factory.OutboxRowAsync(m => m.ProviderMessageId == call.Sid);
        await Twilio.PostCallStatusAsync(call, "completed", 1);
        Assert.Equal(DeliveryStatus.Undelivered, (await factory.OutboxRowAsync(m => m.Id == row.Id)).DeliveryStatus);
    }

    [Fact]
    public async Task Call_UnsignedOrForgedTwimlRequests_Get403_AndLeaveTheCallUsable()
    {
        var (client, authyId, phone) = await UserAsync();
        await client.GetApiAsync($"/protected/json/call/{authyId}");
        var call = await WaitForAsync("Calls", phone);
        var url = call.Form["Url"];
        var gatherUrl = url.Replace("/twilio/voice?", "/twilio/voice/gather?", StringComparison.Ordinal);

        var unsigned = await Twilio.PostSignedAsync(url, [new("CallSid", call.Sid!)], signingToken: null);
        var forged = await Twilio.PostSignedAsync(url, [new("CallSid", call.Sid!)], signingToken: "guessed-token");
        var forgedDigits = await Twilio.PostSignedAsync(gatherUrl, [new("CallSid", call.Sid!), new("Digits", "5")], signingToken: "guessed-token");
        var gather = await Twilio.AnswerCallAsync(call);

        Assert.All([unsigned, forged, forgedDigits], r => Assert.Equal(HttpStatusCode.Forbidden, r.Status));
        Assert.All([unsigned, forged, forgedDigits], r => Assert.Equal(string.Empty, r.Body));
        Assert.NotNull(gather.Root!.Element("Gather"));
    }

    [Fact]
    public async Task Call_UnknownToken_SignedRequest_OnlyHangsUp()
    {
        var twiml = await Twilio.PostSignedAsync($"{TwilioApiFactory.PublicBaseUrl}/twilio/voice?call=made-up", [new("CallSid", "CA00")]);

        Assert.Equal(HttpStatusCode.OK, twiml.Status);
        AssertOnlyHangsUp(XDocument.Parse(twiml.Body));
    }

    /// <summary>Checks the Gather and its prompt and returns the key it asks for; the code is nowhere in it.</summary>
    private static string PromptDigit(XDocument twiml, string language, string voice, string promptFormat)
    {
        var gather = twiml.Root!.Element("Gather")!;
        Assert.Equal("1", gather.Attribute("numDigits")!.Value);
        Assert.Equal("dtmf", gather.Attribute("input")!.Value);
        Assert.StartsWith($"{TwilioApiFactory.PublicBaseUrl}/twilio/voice/gather?call=", gather.Attribute("action")!.Value, StringComparison.Ordinal);
        Assert.NotNull(twiml.Root.Element("Hangup")); // no key: the call ends without the code
        var says = gather.Elements("Say").ToList();
        Assert.NotEmpty(says);
        Assert.All(says, say => Assert.Equal(language, say.Attribute("language")!.Value));
        Assert.All(says, say => Assert.Equal(voice, say.Attribute("voice")!.Value));
        var digit = Regex.Match(says[0].Value, "[1-9]").Value;
        Assert.All(says, say => Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, promptFormat, digit), say.Value));
        Assert.DoesNotMatch(@"\d, \d", twiml.ToString());
        return digit;
    }

    /// <summary>The TwiML is a lone, empty <c>&lt;Hangup&gt;</c> (however the library writes an empty element).</summary>
    private static void AssertOnlyHangsUp(XDocument twiml)
    {
        Assert.Equal("Response", twiml.Root!.Name.LocalName);
        var verb = Assert.IsType<XElement>(Assert.Single(twiml.Root.Nodes()));
        Assert.Equal("Hangup", verb.Name.LocalName);
        Assert.Empty(verb.Nodes());
        Assert.Empty(verb.Attributes());
    }

    private void AssertLogsHoldNoSecrets(TestPhone phone, string code)
    {
        var logs = factory.Logs.Lines;
        Assert.NotEmpty(logs);
        foreach (var secret in new[] { FakeTwilio.AuthToken, FakeTwilio.ApiKeySecret, phone.E164, phone.National, code })
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"\d(, \d)+")]
    private static partial Regex SpokenCode();
}
