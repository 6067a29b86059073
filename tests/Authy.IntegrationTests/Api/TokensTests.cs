using System.Net;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>sms, call, email and verify, on PostgreSQL and on SQLite.</summary>
public abstract class TokensTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : TokensTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : TokensTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private async Task<(HttpClient Client, long Id, TestPhone Phone)> NewUserAsync(Action<AppSettings>? configure = null, string appName = "Test App")
    {
        var app = await factory.CreateAppAsync(appName, configure);
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        return (client, await AuthyApiFactory.RegisterUserAsync(client, phone, "t@example.com"), phone);
    }

    [Fact]
    public async Task GetSms_RegisteredUser_SendsSevenDigitCodeThatVerifiesOnce()
    {
        var (client, id, phone) = await NewUserAsync(appName: "Acme");

        var sent = await client.GetApiAsync($"/protected/json/sms/{id}");
        var sms = await factory.Senders.WaitForAsync<Authy.Application.Messaging.SmsMessage>(m => m.To == phone.E164);
        var code = Codes.Extract(sms.Text);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        var reused = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal("SMS token was sent", sent.Json["message"]!.GetValue<string>());
        Assert.Equal($"+1-XXX-XXX-XX{phone.LastTwo}", sent.Json["cellphone"]!.GetValue<string>());
        Assert.Null(sent.Json["ignored"]);
        Golden.AssertMatches("sms_sent", sent.Body);
        Assert.Equal($"Your Acme verification code is: {code}", sms.Text);

        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Contains("\"token\":\"is valid\"", verified.Body, StringComparison.Ordinal);
        Assert.Equal("Token is valid.", verified.Json["message"]!.GetValue<string>());
        Assert.Equal("sms", verified.Json["device"]!["os_type"]!.GetValue<string>());
        Golden.AssertMatches("verify_ok", verified.Body);

        reused.AssertAuthyError(HttpStatusCode.Unauthorized, "60019");
        Assert.Equal("Token is invalid. Token was used recently.", reused.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("verify_reused", reused.Body);
    }

    [Fact]
    public async Task GetVerify_WrongToken_Returns401WithError60020()
    {
        var (client, id, phone) = await NewUserAsync();
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        var wrong = code == "0000000" ? "1111111" : "0000000";

        var response = await client.GetApiAsync($"/protected/json/verify/{wrong}/{id}");

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        Assert.Equal("is invalid", response.Json["token"]!.GetValue<string>());
        Golden.AssertMatches("verify_invalid", response.Body);
    }

    [Theory]
    [InlineData("abcdefg")]
    [InlineData("12345")]
    [InlineData("12345678901")]
    [InlineData("%20")]
    public async Task GetVerify_MalformedToken_Returns401With60020(string token)
    {
        var (client, id, _) = await NewUserAsync();

        var response = await client.GetApiAsync($"/protected/json/verify/{token}/{id}");

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
    }

    [Fact]
    public async Task GetVerify_UnknownUser_Returns404With60026()
    {
        var (client, _, _) = await NewUserAsync();

        var response = await client.GetApiAsync("/protected/json/verify/1234567/987654321");

        response.AssertAuthyError(HttpStatusCode.NotFound, "60026");
    }

    [Fact]
    public async Task GetCall_RegisteredUser_QueuesVoiceMessageWithTheCode()
    {
        var (client, id, phone) = await NewUserAsync();

        var response = await client.GetApiAsync($"/protected/json/call/{id}");
        var call = await factory.Senders.WaitForAsync<Authy.Application.Messaging.VoiceMessage>(m => m.To == phone.E164);
        var verified = await client.GetApiAsync($"/protected/json/verify/{call.Code}/{id}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Call started...", response.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("call_started", response.Body);
        Assert.Contains(string.Join(", ", call.Code.ToCharArray()), call.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task PostEmail_RegisteredUser_SendsCodeToRegisteredAddress()
    {
        var (client, id, _) = await NewUserAsync();

        var response = await client.PostFormAsync($"/protected/json/email/{id}");
        var email = await factory.Senders.WaitForAsync<Authy.Application.Messaging.EmailMessage>(m => m.To == "t@example.com");
        var code = Codes.Extract(email.TextBody);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Email token was sent", response.Json["message"]!.GetValue<string>());
        Assert.Equal("t@example.com", response.Json["email"]!.GetValue<string>());
        Assert.StartsWith("EM", response.Json["email_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Golden.AssertMatches("email_sent", response.Body);
        Assert.Contains(code, email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task GetSms_UserWithDevice_IsIgnoredUnlessForced()
    {
        var (client, id, phone) = await NewUserAsync();
        await factory.AddDeviceAsync(id, "android");

        var ignored = await client.GetApiAsync($"/protected/json/sms/{id}");
        var callIgnored = await client.GetApiAsync($"/protected/json/call/{id}");
        var forced = await client.GetApiAsync($"/protected/json/sms/{id}?force=True");
        await factory.WaitForSmsCodeAsync(phone);

        Assert.Equal(HttpStatusCode.OK, ignored.Status);
        Assert.True(ignored.Json["ignored"]!.GetValue<bool>());
        Assert.Equal("android", ignored.Json["device"]!.GetValue<string>());
        Assert.StartsWith("Ignored: SMS is not needed for smartphones.", ignored.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Golden.AssertMatches("sms_ignored", ignored.Body);
        Assert.StartsWith("Call ignored. User is using  App Tokens", callIgnored.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Golden.AssertMatches("call_ignored", callIgnored.Body);
        Assert.Equal("SMS token was sent", forced.Json["message"]!.GetValue<string>());
        Assert.Single(factory.Senders.Sms, m => m.To == phone.E164);
        Assert.DoesNotContain(factory.Senders.Calls, m => m.To == phone.E164);
    }

    [Fact]
    public async Task GetSms_AppWithSmsDisabled_Returns60007()
    {
        var (client, id, _) = await NewUserAsync(s => s.SmsEnabled = false);

        var response = await client.GetApiAsync($"/protected/json/sms/{id}");

        response.AssertAuthyError(HttpStatusCode.Forbidden, "60007");
        // The text production gave.
        Golden.AssertMatches("error_sms_disabled", response.Body);
    }

    [Fact]
    public async Task GetCall_AppWithCallsDisabled_Returns60006()
    {
        var (client, id, phone) = await NewUserAsync(s => s.PhoneCallsEnabled = false);

        var response = await client.GetApiAsync($"/protected/json/call/{id}");

        response.AssertAuthyError(HttpStatusCode.Forbidden, "60006");
        Golden.AssertMatches("error_calls_disabled", response.Body);
        Assert.DoesNotContain(factory.Senders.Calls, m => m.To == phone.E164);
    }

    [Fact]
    public async Task GetVerify_ActionBoundCode_VerifiesOnlyWithTheSameAction()
    {
        var (client, id, phone) = await NewUserAsync();

        await client.GetApiAsync($"/protected/json/sms/{id}?action=login&action_message=Sign%20in%20to%20Acme");
        var sms = await factory.Senders.WaitForAsync<Authy.Application.Messaging.SmsMessage>(m => m.To == phone.E164);
        var code = Codes.Extract(sms.Text);
        var withoutAction = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        var otherAction = await client.GetApiAsync($"/protected/json/verify/{code}/{id}?action=transfer");
        var sameAction = await client.GetApiAsync($"/protected/json/verify/{code}/{id}?action=login");

        Assert.StartsWith("Sign in to Acme", sms.Text, StringComparison.Ordinal);
        withoutAction.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        otherAction.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        Assert.Equal(HttpStatusCode.OK, sameAction.Status);
    }

    [Fact]
    public async Task GetSms_LocaleParameter_LocalizesText()
    {
        var (client, id, phone) = await NewUserAsync();

        await client.GetApiAsync($"/protected/json/sms/{id}?locale=es");
        var sms = await factory.Senders.WaitForAsync<Authy.Application.Messaging.SmsMessage>(m => m.To == phone.E164);

        Assert.Equal("es", sms.Locale);
        Assert.DoesNotContain("verification code", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSms_SecondLoginWithinOneStep_SendsNextUnusedCode()
    {
        var (client, id, phone) = await NewUserAsync();
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var first = await factory.WaitForSmsCodeAsync(phone);
        Assert.Equal(HttpStatusCode.OK, (await client.GetApiAsync($"/protected/json/verify/{first}/{id}")).Status);

        await client.GetApiAsync($"/protected/json/sms/{id}");
        var second = await factory.WaitForSmsCodeAsync(phone, skip: 1);
        var verified = await client.GetApiAsync($"/protected/json/verify/{second}/{id}");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task GetSms_PastSendLimit_Returns429With60003AndSendsNothingMore()
    {
        var (client, id, phone) = await NewUserAsync(s => s.MaxSendsPerUser = 2);

        var first = await client.GetApiAsync($"/protected/json/sms/{id}");
        var second = await client.GetApiAsync($"/protected/json/sms/{id}");
        var third = await client.GetApiAsync($"/protected/json/sms/{id}");
        await factory.WaitForSmsCodeAsync(phone, skip: 1);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var afterWindow = await client.GetApiAsync($"/protected/json/sms/{id}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        third.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Golden.AssertMatches("error_dos_protection", third.Body);
        Assert.Equal(HttpStatusCode.OK, afterWindow.Status);
    }

    [Fact]
    public async Task GetVerify_TooManyFailures_LocksOutEvenCorrectCodeUntilWindowPasses()
    {
        var (client, id, phone) = await NewUserAsync(s => s.MaxFailedVerifies = 3);
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        var wrong = code == "0000000" ? "1111111" : "0000000";

        for (var i = 0; i < 3; i++)
        {
            (await client.GetApiAsync($"/protected/json/verify/{wrong}/{id}")).AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        }

        var locked = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var fresh = await factory.WaitForSmsCodeAsync(phone, skip: 1);
        var unlocked = await client.GetApiAsync($"/protected/json/verify/{fresh}/{id}");

        locked.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.Equal(HttpStatusCode.OK, unlocked.Status);
    }

    [Fact]
    public async Task GetVerify_SuccessAfterFailures_StartsTheCountAgain()
    {
        var (client, id, phone) = await NewUserAsync(s => s.MaxFailedVerifies = 3);
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        var wrong = code == "0000000" ? "1111111" : "0000000";
        await client.GetApiAsync($"/protected/json/verify/{wrong}/{id}");
        await client.GetApiAsync($"/protected/json/verify/{wrong}/{id}");

        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        var afterSuccess = new List<ApiResponse>();
        for (var i = 0; i < 3; i++)
        {
            afterSuccess.Add(await client.GetApiAsync($"/protected/json/verify/{wrong}/{id}"));
        }

        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.All(afterSuccess, r => r.AssertAuthyError(HttpStatusCode.Unauthorized, "60020"));
        (await client.GetApiAsync($"/protected/json/verify/{wrong}/{id}")).AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
    }

    [Fact]
    public async Task GetVerify_LockedOutOfOneApplication_OtherApplicationStillVerifies()
    {
        var (lockedClient, id, phone) = await NewUserAsync(s => s.MaxFailedVerifies = 2, appName: "Locked");
        var otherApp = await factory.CreateAppAsync("Other");
        var otherClient = factory.CreateApiClient(otherApp.ApiKey);
        Assert.Equal(id, await AuthyApiFactory.RegisterUserAsync(otherClient, phone));
        for (var i = 0; i < 3; i++)
        {
            await lockedClient.GetApiAsync($"/protected/json/verify/0000000/{id}");
        }

        await otherClient.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        var other = await otherClient.GetApiAsync($"/protected/json/verify/{code}/{id}");
        var locked = await lockedClient.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, other.Status);
        locked.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
    }

    [Fact]
    public async Task GetVerify_UserWithTwoDevices_ReportsTheLatest()
    {
        var (client, id, phone) = await NewUserAsync();
        await factory.AddDeviceAsync(id, "android");
        var latest = await factory.AddDeviceAsync(id, "ios");
        await client.GetApiAsync($"/protected/json/sms/{id}?force=true");
        var code = await factory.WaitForSmsCodeAsync(phone);

        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal(latest.Id, verified.Json["device"]!["id"]!.GetValue<long>());
        Assert.Equal("ios", verified.Json["device"]!["os_type"]!.GetValue<string>());
        Assert.Equal(latest.CreatedAt.ToUnixTimeSeconds(), verified.Json["device"]!["registration_date"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetSms_SettingChangedThroughManageAppsOnThisNode_AppliesToTheNextRequest()
    {
        var (client, id, phone) = await NewUserAsync(appName: "Changed here");
        var before = await client.GetApiAsync($"/protected/json/sms/{id}"); // the key's application is now cached
        await factory.WaitForSmsCodeAsync(phone);
        var appId = await AppIdAsync(client);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManageApps>().UpdateSettingsAsync(appId, s => s.SmsEnabled = false, TestContext.Current.CancellationToken);
        }

        var after = await client.GetApiAsync($"/protected/json/sms/{id}");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        after.AssertAuthyError(HttpStatusCode.Forbidden, "60007");
    }

    [Fact]
    public async Task AnyRequest_SettingChangedByAnotherProcess_TakesEffectWithinKeyCacheSeconds()
    {
        var app = await factory.CreateAppAsync("Cached");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await client.GetApiAsync($"/protected/json/sms/{id}");
        await factory.WaitForSmsCodeAsync(phone);

        // As another node or the CLI would: straight to the database, no invalidation on this node.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Authy.Infrastructure.Persistence.AuthyDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE applications SET settings_sms_enabled = {false} WHERE id = {app.Id}", TestContext.Current.CancellationToken);
        }

        var cached = await client.GetApiAsync($"/protected/json/sms/{id}");
        factory.Clock.Advance(TimeSpan.FromSeconds(new AppOptions().KeyCacheSeconds));
        var reread = await client.GetApiAsync($"/protected/json/sms/{id}");

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        reread.AssertAuthyError(HttpStatusCode.Forbidden, "60007");
    }

    [Theory]
    [InlineData(209, HttpStatusCode.OK)]
    [InlineData(210, HttpStatusCode.Unauthorized)]
    public async Task GetVerify_WindowEdge_AcceptsUntilThreeMinutesAfterTheStepEnds(int secondsAfterStepStart, HttpStatusCode expected)
    {
        var (client, id, phone) = await NewUserAsync();
        var seconds = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        factory.Clock.Advance(TimeSpan.FromSeconds((30 - (seconds % 30)) % 30));
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);

        // The code's step started when it was sent; its last second is +29, and the window adds 180 s to that.
        factory.Clock.Advance(TimeSpan.FromSeconds(secondsAfterStepStart));
        var response = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task GetVerify_FiftyConcurrentRequestsWithOneCode_ExactlyOneSucceeds()
    {
        var (client, id, phone) = await NewUserAsync();
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => client.GetApiAsync($"/protected/json/verify/{code}/{id}"), TestContext.Current.CancellationToken)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => r.AssertAuthyError(HttpStatusCode.Unauthorized, "60019"));
    }

    [Fact]
    public async Task GetVerify_LegacyPolicyUnregisteredUser_NotCheckedUnlessForced()
    {
        var (client, id, _) = await NewUserAsync(s => s.UnregisteredUsers = UnregisteredUserPolicy.AuthyLegacy);

        var notChecked = await client.GetApiAsync($"/protected/json/verify/0000000/{id}");
        var forced = await client.GetApiAsync($"/protected/json/verify/0000000/{id}?force=true");

        Assert.Equal(HttpStatusCode.OK, notChecked.Status);
        Assert.StartsWith("Not checked.", notChecked.Json["token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"token\":\"is valid\"", notChecked.Body, StringComparison.Ordinal);
        Golden.AssertMatches("verify_not_checked", notChecked.Body);
        forced.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
    }

    [Fact]
    public async Task GetVerify_DefaultPolicyUnregisteredUser_ChecksTheToken()
    {
        var (client, id, _) = await NewUserAsync();

        var response = await client.GetApiAsync($"/protected/json/verify/0000000/{id}");

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
    }

    [Fact]
    public async Task Dispatcher_ProviderFailsOnce_RetriesAndDeliversTheSameCode()
    {
        var (client, id, phone) = await NewUserAsync();
        factory.Senders.FailNext(1);

        await client.GetApiAsync($"/protected/json/sms/{id}");
        // The first attempt has failed once its failure is on the row; then the clock moves past the first backoff.
        for (var i = 0; i < 100 && await FirstAttemptFailedAsync(id) is false; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(await FirstAttemptFailedAsync(id));
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var code = await factory.WaitForSmsCodeAsync(phone);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    private async Task<bool> FirstAttemptFailedAsync(long userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuthyDb>().OutboxMessages.AsNoTracking()
            .AnyAsync(m => m.UserId == userId && m.Status == OutboxStatus.Pending && m.LastError != null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Dispatcher_ProviderRefusesForGood_FailsAtOnceWithItsRefusal()
    {
        var (client, id, phone) = await NewUserAsync();
        factory.Senders.RefuseAllTo(phone.E164);

        await client.GetApiAsync($"/protected/json/sms/{id}");
        OutboxMessage? row = null;
        for (var i = 0; i < 100 && row?.Status != OutboxStatus.Failed; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            await using var scope = factory.Services.CreateAsyncScope();
            row = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().OutboxMessages.AsNoTracking()
                .SingleOrDefaultAsync(m => m.UserId == id, TestContext.Current.CancellationToken);
        }

        Assert.Equal(OutboxStatus.Failed, row!.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("(InvalidNumber)", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Senders.Sms, m => m.To == phone.E164);
    }

    [Fact]
    public async Task Logs_AfterSendAndVerify_ContainNoCodeKeyOrFullPhone()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateClient();
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(app.ApiKey), phone);

        await client.GetApiAsync($"/protected/json/sms/{id}?api_key={app.ApiKey}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        await client.GetApiAsync($"/protected/json/verify/{code}/{id}?api_key={app.ApiKey}");
        await client.GetApiAsync($"/protected/json/verify/{code}/{id}?api_key={app.ApiKey}");

        var lines = factory.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("/verify/[token]/", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(app.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(phone.National, StringComparison.Ordinal));
    }

    private static async Task<int> AppIdAsync(HttpClient client) =>
        (await client.GetApiAsync("/protected/json/app/details")).Json["app"]!["app_id"]!.GetValue<int>();
}
