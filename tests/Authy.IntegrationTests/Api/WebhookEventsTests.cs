using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Authy.Application.Apps;
using Authy.Application.Messaging;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Persistence;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// Events delivered to a loopback receiver through the outbox: each JWT verified independently with the webhook's
/// signing key, the claims read, unsubscribed events absent, retries with the same jti, deleted webhooks dropped. On both
/// providers.
/// </summary>
public abstract class WebhookEventsTests(AuthyApiFactory factory) : IAsyncLifetime
{
    private CallbackReceiver _receiver = null!;

    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : WebhookEventsTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : WebhookEventsTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    public async ValueTask InitializeAsync() => _receiver = await CallbackReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>An application with one webhook to the receiver; returns the webhook as created.</summary>
    private async Task<(AppWithKey App, HttpClient Api, DashboardClient Dashboard, JsonNode Webhook)> AppWithWebhookAsync(
        string[] events, Action<AppSettings>? configure = null, string? url = null)
    {
        var app = await factory.CreateAppAsync("Events", configure);
        var dashboard = DashboardClient.For(factory, app);
        var created = await dashboard.CreateAsync("Receiver", url ?? _receiver.Url, events);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (app, factory.CreateApiClient(app.ApiKey), dashboard, created.Json["webhook"]!);
    }

    private static string Key(JsonNode webhook) => webhook["signing_key"]!.GetValue<string>();

    /// <summary>
    /// Asserts the events queued for <paramref name="webhook"/>, in any order. A request queues its events in its own
    /// unit of work, before it answers, so once the test's requests have answered this is exact: an event raised when
    /// it should not be (or twice) shows at once, without waiting to see whether the receiver gets it.
    /// </summary>
    private async Task AssertQueuedAsync(JsonNode webhook, params string[] events)
    {
        var queued = (await WebhookOutboxAsync(webhook)).Select(m => m.MaskedDestination[(m.MaskedDestination.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(events.Order(StringComparer.Ordinal), queued.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UserAdded_SubscribedWebhook_ReceivesHs256JwtWithTheClaims()
    {
        var (app, api, _, webhook) = await AppWithWebhookAsync(["user_added"]);
        var phone = TestPhone.Next();

        var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);
        var claims = WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook));

        Assert.Equal("user_added", claims["event"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), DateTimeOffset.Parse(claims["time"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.EndsWith("Z", claims["time"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(claims["iat"]!.GetValue<long>(), factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 5, factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 5);
        Assert.True(Guid.TryParse(claims["jti"]!.GetValue<string>(), out _));
        Assert.Matches("^RQ[0-9a-f]{32}$", claims["request"]!["id"]!.GetValue<string>());
        var appObject = claims["objects"]!["app"]!;
        Assert.Equal(webhook["account_sid"]!.GetValue<string>(), appObject["s_account_sid"]!.GetValue<string>());
        Assert.Equal(app.Id, appObject["i_app_id"]!.GetValue<int>());
        var user = claims["objects"]!["user"]!;
        Assert.Equal(authyId.ToString(CultureInfo.InvariantCulture), user["s_authy_id"]!.GetValue<string>());
        Assert.Equal("1", user["s_country_code"]!.GetValue<string>());
        Assert.Equal("XXX-XXX-" + phone.National[^4..], user["s_phone_number"]!.GetValue<string>());
        Assert.DoesNotContain(phone.National, _receiver.Received[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsubscribedEvent_IsNotDelivered_SubscribedOneIs()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["user_removed"]);

        var authyId = await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());
        await AssertQueuedAsync(webhook);
        var removed = await api.PostFormAsync($"/protected/json/users/{authyId}/remove");
        var claims = WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook));

        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal("user_removed", claims["event"]!.GetValue<string>());
        await AssertQueuedAsync(webhook, "user_removed");
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task AnotherApplicationsEvents_AreNotDelivered()
    {
        var (_, _, _, webhook) = await AppWithWebhookAsync(["user_added"]);
        var other = await factory.CreateAppAsync("Other");

        await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(other.ApiKey), TestPhone.Next());

        await AssertQueuedAsync(webhook);
    }

    [Fact]
    public async Task WebhookCreatedAfterAnEvent_GetsTheNextOneAtOnce()
    {
        var app = await factory.CreateAppAsync("Late subscriber");
        var api = factory.CreateApiClient(app.ApiKey);
        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next()); // this node now holds "no webhooks" for the app

        var webhook = (await DashboardClient.For(factory, app).CreateAsync("Late", _receiver.Url, "user_added")).Json["webhook"]!;
        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());

        Assert.Equal("user_added", WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook))["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoWebhooks_EachGetsTheEventSignedWithItsOwnKey()
    {
        var (app, api, dashboard, first) = await AppWithWebhookAsync(["user_added"], url: _receiver.Url + "?hook=1");
        var second = (await dashboard.CreateAsync("Second", _receiver.Url + "?hook=2", "user_added")).Json["webhook"]!;

        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());
        await _receiver.WaitForAsync(2);

        var one = WebhookJwt.Verify(_receiver.Received.Single(r => r.PathAndQuery.EndsWith("hook=1", StringComparison.Ordinal)), Key(first));
        var two = WebhookJwt.Verify(_receiver.Received.Single(r => r.PathAndQuery.EndsWith("hook=2", StringComparison.Ordinal)), Key(second));
        Assert.NotEqual(one["jti"]!.GetValue<string>(), two["jti"]!.GetValue<string>());
        Assert.Equal(one["request"]!["id"]!.GetValue<string>(), two["request"]!["id"]!.GetValue<string>());
        Assert.Equal(app.Id, two["objects"]!["app"]!["i_app_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task SmsAndVerify_RaiseTokenSentInvalidAndVerified()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["totp_token_sent", "token_invalid", "token_verified"]);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);

        await api.GetApiAsync($"/protected/json/sms/{authyId}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        var wrong = await api.GetApiAsync($"/protected/json/verify/{(code == "1234567" ? "7654321" : "1234567")}/{authyId}");
        var right = await api.GetApiAsync($"/protected/json/verify/{code}/{authyId}");
        await _receiver.WaitForAsync(3);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        var events = _receiver.Received.Select(r => WebhookJwt.Verify(r, Key(webhook))).ToList();
        Assert.Equal(["token_invalid", "token_verified", "totp_token_sent"], events.Select(e => e["event"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("sms", events.Single(e => e["event"]!.GetValue<string>() == "totp_token_sent")["objects"]!["token"]!["s_via"]!.GetValue<string>());
        Assert.All(events, e => Assert.Equal(authyId.ToString(CultureInfo.InvariantCulture), e["objects"]!["user"]!["s_authy_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TooManyWrongCodes_RaisesTooManyCodeVerificationsOnce()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["too_many_code_verifications"], s => s.MaxFailedVerifies = 2);
        var authyId = await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await api.GetApiAsync($"/protected/json/verify/0000000/{authyId}")).Status);
        }

        var claims = WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("too_many_code_verifications", claims["event"]!.GetValue<string>());
        await AssertQueuedAsync(webhook, "too_many_code_verifications");
    }

    [Fact]
    public async Task PhoneVerification_RaisesStartedInvalidFailedNotFoundAndValid()
    {
        string[] subscribed =
        [
            "phone_verification_started", "phone_verification_code_is_invalid", "phone_verification_failed",
            "phone_verification_not_found", "phone_verification_code_is_valid",
        ];
        var (_, api, _, webhook) = await AppWithWebhookAsync(subscribed, s => s.MaxPhoneVerificationChecks = 2);
        var phone = TestPhone.Next();
        var start = () => api.PostFormAsync("/protected/json/phones/verification/start", ("via", "sms"), ("country_code", "1"), ("phone_number", phone.National), ("code_length", "8"));
        var check = (string code) => api.GetApiAsync($"/protected/json/phones/verification/check?country_code=1&phone_number={phone.National}&verification_code={code}");

        var first = await start();
        var firstCode = System.Text.RegularExpressions.Regex.Match((await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164)).Text, @"\b\d{8}\b").Value;
        var wrong = firstCode == "00000000" ? "11111111" : "00000000";
        await check(wrong);
        await check(wrong); // spends the budget of 2
        await check(firstCode); // nothing pending any more
        await start();
        var secondCode = System.Text.RegularExpressions.Regex.Match((await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164, skip: 1)).Text, @"\b\d{8}\b").Value;
        var valid = await check(secondCode);
        await _receiver.WaitForAsync(7);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, valid.Status);
        var events = _receiver.Received.Select(r => WebhookJwt.Verify(r, Key(webhook))).ToList();
        Assert.Equal(
            ["phone_verification_code_is_invalid", "phone_verification_code_is_invalid", "phone_verification_code_is_valid", "phone_verification_failed",
             "phone_verification_not_found", "phone_verification_started", "phone_verification_started"],
            events.Select(e => e["event"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var started = events.First(e => e["event"]!.GetValue<string>() == "phone_verification_started")["objects"]!["phone_verification"]!;
        Assert.Equal(first.Json["uuid"]!.GetValue<string>(), started["s_uuid"]!.GetValue<string>());
        Assert.Equal("sms", started["s_via"]!.GetValue<string>());
        Assert.Equal("XXX-XXX-" + phone.National[^4..], started["s_phone_number"]!.GetValue<string>());
        Assert.All(_receiver.Received, r => Assert.DoesNotContain(phone.National, r.Body, StringComparison.Ordinal));
        await AssertQueuedAsync(webhook, [.. events.Select(e => e["event"]!.GetValue<string>())]);
    }

    [Fact]
    public async Task PhoneVerification_RefusedStarts_RaiseTooManyAndCustomMessageNotAllowed()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["too_many_phone_verifications", "custom_message_not_allowed"], s => s.MaxPhoneVerificationSends = 1);
        var phone = TestPhone.Next();
        (string, string)[] form = [("via", "sms"), ("country_code", "1"), ("phone_number", phone.National)];

        var custom = await api.PostFormAsync("/protected/json/phones/verification/start", [.. form, ("custom_message", "Hi")]);
        await api.PostFormAsync("/protected/json/phones/verification/start", form);
        var refused = await api.PostFormAsync("/protected/json/phones/verification/start", form);
        await _receiver.WaitForAsync(2);

        custom.AssertAuthyError(HttpStatusCode.Forbidden, "60091");
        refused.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.Equal(
            ["custom_message_not_allowed", "too_many_phone_verifications"],
            _receiver.Received.Select(r => WebhookJwt.Verify(r, Key(webhook))["event"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EmailToken_RaisesTotpTokenSentViaEmail()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["totp_token_sent"]);
        var authyId = await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());

        var sent = await api.PostFormAsync($"/protected/json/email/{authyId}");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var claims = WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook));
        Assert.Equal("email", claims["objects"]!["token"]!["s_via"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ban_RaisesSuspendedAccountOnce()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["suspended_account"]);
        var authyId = await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());

        await api.PostFormAsync($"/protected/json/users/{authyId}/register_activity", ("type", "banned"));
        await api.PostFormAsync($"/protected/json/users/{authyId}/register_activity", ("type", "banned"));
        var claims = WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook));

        Assert.Equal("suspended_account", claims["event"]!.GetValue<string>());
        Assert.Equal("banned", claims["objects"]!["activity"]!["s_type"]!.GetValue<string>());
        await AssertQueuedAsync(webhook, "suspended_account");
    }

    [Fact]
    public async Task DeviceRegistrationAndOneTouchDecision_RaiseTheirEvents()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["device_registration_completed", "one_touch_request_responded"]);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);

        using var device = await TestDevice.RegisterAsync(factory, phone);
        var registered = WebhookJwt.Verify(await _receiver.WaitForAsync(), Key(webhook));
        var uuid = (await api.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Log in?"))).Json["approval_request"]!["uuid"]!.GetValue<string>();
        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "denied"));
        var responded = WebhookJwt.Verify(await _receiver.WaitForAsync(2), Key(webhook));

        Assert.Equal("device_registration_completed", registered["event"]!.GetValue<string>());
        Assert.Equal(device.DeviceId.ToString(CultureInfo.InvariantCulture), registered["objects"]!["device"]!["s_id"]!.GetValue<string>());
        Assert.Equal("web", registered["objects"]!["device"]!["s_os_type"]!.GetValue<string>());
        Assert.Equal("one_touch_request_responded", responded["event"]!.GetValue<string>());
        Assert.Equal(uuid, responded["objects"]!["onetouch_request"]!["s_uuid"]!.GetValue<string>());
        Assert.Equal("denied", responded["objects"]!["onetouch_request"]!["s_status"]!.GetValue<string>());
        Assert.Equal(authyId.ToString(CultureInfo.InvariantCulture), responded["objects"]!["user"]!["s_authy_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReceiverFailsThenSucceeds_EventIsRetriedWithTheSameJti()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["user_added"]);
        _receiver.AnswerNext(HttpStatusCode.InternalServerError);

        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());
        await _receiver.WaitForAsync(1);
        await AdvanceClockAsync(until: () => _receiver.Received.Count >= 2);

        var first = WebhookJwt.Verify(_receiver.Received[0], Key(webhook));
        var second = WebhookJwt.Verify(await _receiver.WaitForAsync(2), Key(webhook));
        Assert.Equal(first["jti"]!.GetValue<string>(), second["jti"]!.GetValue<string>());
        Assert.Equal("user_added", second["event"]!.GetValue<string>());
        var row = await WaitForAttemptAsync(webhook, attempts: 2); // the second attempt recorded: nothing sends it again
        Assert.Equal(OutboxStatus.Delivered, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, _receiver.Received.Count);
    }

    [Fact]
    public async Task WebhookDeletedBeforeARetry_TheEventIsDropped()
    {
        var (_, api, dashboard, webhook) = await AppWithWebhookAsync(["user_added"]);
        _receiver.AnswerNext(HttpStatusCode.ServiceUnavailable);
        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());
        await _receiver.WaitForAsync(1);

        var deleted = await dashboard.DeleteAsync(webhook["id"]!.GetValue<string>());
        await AdvanceClockAsync(until: () => false, seconds: 30);

        var row = await WaitForAttemptAsync(webhook, attempts: 2); // the retry was claimed, and its outcome recorded

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(OutboxStatus.Delivered, row.Status);
        Assert.Equal(DeliverWebhookEvent.DroppedProvider, row.Provider);
        Assert.Single(_receiver.Received); // the retry sent nothing
    }

    [Theory]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    public async Task ReceiverRedirects_RedirectIsNotFollowedAndTheAttemptFails(HttpStatusCode status)
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["user_added"], url: _receiver.RedirectUrl(status));

        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());
        var row = await WaitForAttemptAsync(webhook);

        Assert.Equal(1, _receiver.MisbehavingHits);
        Assert.Equal(OutboxStatus.Pending, row.Status); // retried like any other non-2xx answer
        Assert.Contains($"answered {(int)status}", row.LastError, StringComparison.Ordinal);
        Assert.Empty(_receiver.Received); // the attempt is over, and the redirect's target, the recording path, saw nothing
    }

    [Fact]
    public async Task ReceiverAnswersAnEndlessBody_DeliveryIsRecordedWithoutReadingIt()
    {
        var (_, api, _, webhook) = await AppWithWebhookAsync(["user_added"], url: _receiver.EndlessBodyUrl);

        await AuthyApiFactory.RegisterUserAsync(api, TestPhone.Next());
        var row = await WaitForAttemptAsync(webhook, within: TimeSpan.FromSeconds(5));

        Assert.Equal(OutboxStatus.Delivered, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, _receiver.MisbehavingHits);
    }

    /// <summary>
    /// Waits (real time) until the webhook's one outbox row has been attempted <paramref name="attempts"/> times and
    /// released (the last attempt's outcome written), and returns it.
    /// </summary>
    private async Task<OutboxMessage> WaitForAttemptAsync(JsonNode webhook, int attempts = 1, TimeSpan? within = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var row = (await WebhookOutboxAsync(webhook)).SingleOrDefault();
            if (row is { LeaseOwner: null } && row.Attempts >= attempts)
            {
                return row;
            }

            Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(10)), $"The webhook's event was not attempted in time (row: {row?.Status}, attempts {row?.Attempts}).");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// The outbox backs off on the server's clock: moves it a second at a time (letting the dispatcher run in between)
    /// until <paramref name="until"/> holds or <paramref name="seconds"/> have passed.
    /// </summary>
    private async Task AdvanceClockAsync(Func<bool> until, int seconds = 100)
    {
        for (var i = 0; i < seconds && !until(); i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The outbox rows queued for one webhook (their destination starts with its id).</summary>
    private async Task<List<OutboxMessage>> WebhookOutboxAsync(JsonNode webhook)
    {
        var prefix = webhook["id"]!.GetValue<string>() + " ";
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == OutboxChannel.Webhook && m.MaskedDestination.StartsWith(prefix))
            .ToListAsync(TestContext.Current.CancellationToken);
    }
}
