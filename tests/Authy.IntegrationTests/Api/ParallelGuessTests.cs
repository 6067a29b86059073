using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// Limits on guesses hold under concurrency: 100 wrong guesses sent at once get exactly the limit's worth of "wrong code"
/// answers, and every other one is refused before its code counts. A limit that is read, compared and only later
/// counted lets every request that read the old count through.
/// </summary>
public abstract partial class ParallelGuessTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : ParallelGuessTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : ParallelGuessTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private const int Guesses = 100;

    [Fact]
    public async Task Verify_HundredWrongCodesAtOnce_ExactlyTheLimitAreCheckedAndTheRestGet429WithRetryAfter()
    {
        var app = await factory.CreateAppAsync("Parallel verify", s => s.MaxFailedVerifies = 10);
        var client = factory.CreateApiClient(app.ApiKey);
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i =>
            client.GetApiAsync($"/protected/json/verify/{WrongCode(i, 7)}/{authyId}")));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Unauthorized), a => a.AssertAuthyError(HttpStatusCode.Unauthorized, "60020"));
        var refused = answers.Where(a => a.Status != HttpStatusCode.Unauthorized).ToList();
        Assert.Equal(Guesses - 10, refused.Count);
        Assert.All(refused, a =>
        {
            a.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
            Assert.InRange(a.RetryAfter!.Value.TotalSeconds, 1, 900);
        });
    }

    [Fact]
    public async Task Verify_RightCodeWhileLockedOut_IsRefusedWithRetryAfterUntilTheWindowEnds()
    {
        var app = await factory.CreateAppAsync("Locked out", s => s.MaxFailedVerifies = 3);
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        Assert.Equal(HttpStatusCode.OK, (await client.GetApiAsync($"/protected/json/sms/{authyId}?force=true")).Status);
        var code = await factory.WaitForSmsCodeAsync(phone);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetApiAsync($"/protected/json/verify/{WrongCode(i, 7, code)}/{authyId}")).AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(100));
        var right = await client.GetApiAsync($"/protected/json/verify/{code}/{authyId}");

        right.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.Equal(TimeSpan.FromSeconds(800), right.RetryAfter); // the default 900 s window, 100 s of it gone
    }

    [Fact]
    public async Task DeviceRegistration_HundredWrongCodesAtOnce_ExactlyTheAttemptBudgetIsChecked()
    {
        var phone = TestPhone.Next();
        var registrationId = await TestDevice.StartAsync(factory, phone);
        var code = await TestDevice.ReadRegistrationCodeAsync(factory, phone);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var device = new TestDevice(factory, key);

        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            $"/device/v1/registrations/{registrationId}/complete",
            new { code = WrongCode(i, 6, code), name = "Guess", os_type = "web", public_key = device.Jwk() },
            TestContext.Current.CancellationToken))));
        var right = await ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            $"/device/v1/registrations/{registrationId}/complete",
            new { code, name = "Right", os_type = "web", public_key = device.Jwk() },
            TestContext.Current.CancellationToken));

        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Unauthorized), a => Assert.Equal("60036", a.Json["code"]!.GetValue<string>()));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), a =>
        {
            Assert.Equal(HttpStatusCode.NotFound, a.Status);
            Assert.Equal("60035", a.Json["code"]!.GetValue<string>());
        });
        Assert.Equal(HttpStatusCode.NotFound, right.Status);
    }

    [Fact]
    public async Task PhoneVerification_HundredWrongCodesAtOnce_ExactlyTheCheckBudgetIsChecked()
    {
        var app = await factory.CreateAppAsync("Parallel phone verification", s => s.MaxPhoneVerificationChecks = 5);
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(
            "/protected/json/phones/verification/start", ("country_code", "1"), ("phone_number", phone.National))).Status);
        var sms = await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164);
        var code = FourDigits().Match(sms.Text).Value;

        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => client.GetApiAsync(
            $"/protected/json/phones/verification/check?country_code=1&phone_number={phone.National}&verification_code={WrongCode(i, 4, code)}")));
        var right = await client.GetApiAsync(
            $"/protected/json/phones/verification/check?country_code=1&phone_number={phone.National}&verification_code={code}");

        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Unauthorized), a => a.AssertAuthyError(HttpStatusCode.Unauthorized, "60022"));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), a => a.AssertAuthyError(HttpStatusCode.NotFound, "60023"));
        right.AssertAuthyError(HttpStatusCode.NotFound, "60023");
    }

    /// <summary>The <paramref name="i"/>th of a run of distinct codes of <paramref name="digits"/> digits, never <paramref name="right"/>.</summary>
    internal static string WrongCode(int i, int digits, string? right = null)
    {
        var candidate = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return candidate == right ? new string('9', digits) : candidate;
    }

    [GeneratedRegex(@"\b\d{4}\b")]
    private static partial Regex FourDigits();
}
