using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Authy.Application.Otp;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>The device API: registration with phone proof, ES256 device tokens, token sync and removal, on both providers.</summary>
public abstract class DevicesTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : DevicesTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : DevicesTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private Task<ApiResponse> CompleteAsync(string registrationId, string code, object? publicKey = null) =>
        ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            $"/device/v1/registrations/{registrationId}/complete",
            new { code, name = "Phone", os_type = "android", public_key = publicKey ?? new TestDevice(factory, ECDsa.Create(ECCurve.NamedCurves.nistP256)).Jwk() },
            TestContext.Current.CancellationToken));

    [Fact]
    public async Task Register_ForUserOfAnApp_AppearsInStatusAndUpgradesSmsToIgnored()
    {
        var app = await factory.CreateAppAsync("Acme");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);

        using var device = await TestDevice.RegisterAsync(factory, phone);
        var status = await client.GetApiAsync($"/protected/json/users/{authyId}/status");
        var sms = await client.GetApiAsync($"/protected/json/sms/{authyId}");
        var forced = await client.GetApiAsync($"/protected/json/sms/{authyId}?force=true");

        Assert.Equal(authyId, device.AuthyId);
        Assert.Equal(["web"], status.Json["status"]!["devices"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.True(status.Json["status"]!["registered"]!.GetValue<bool>());
        Assert.Equal("sms", status.Json["status"]!["detailed_devices"]![0]!["registration_method"]!.GetValue<string>());
        Assert.True(sms.Json["ignored"]!.GetValue<bool>());
        Assert.Equal("web", sms.Json["device"]!.GetValue<string>());
        Assert.Equal("SMS token was sent", forced.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListTokens_UserInTwoApps_SyncsOnlyAppsThatAllowItAndTheCodeVerifies()
    {
        var synced = await factory.CreateAppAsync("Synced");
        var privateApp = await factory.CreateAppAsync("Private", s => s.TokenSyncEnabled = false);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(synced.ApiKey), phone);
        await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(privateApp.ApiKey), phone);
        using var device = await TestDevice.RegisterAsync(factory, phone);

        var response = await device.GetAsync("/device/v1/tokens");
        var token = Assert.Single(response.Json["tokens"]!.AsArray())!;
        var code = Totp.Compute(OtpSecret.FromBase32(token["secret"]!.GetValue<string>()), Totp.StepAt(factory.Clock.GetUtcNow(), 30), TotpParameters.Authy);
        var verified = await factory.CreateApiClient(synced.ApiKey).GetApiAsync($"/protected/json/verify/{code}/{authyId}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(synced.Id, token["app_id"]!.GetValue<int>());
        Assert.Equal("Synced", token["app_name"]!.GetValue<string>());
        Assert.Equal((7, 30, "SHA1"), (token["digits"]!.GetValue<int>(), token["period"]!.GetValue<int>(), token["algorithm"]!.GetValue<string>()));
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), response.Json["server_time"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task GetDevice_ValidToken_ReturnsTheDevice()
    {
        var phone = TestPhone.Next();
        using var device = await TestDevice.RegisterAsync(factory, phone);

        var response = await device.GetAsync("/device/v1/device");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(device.DeviceId, response.Json["device_id"]!.GetValue<long>());
        Assert.Equal($"+1-XXX-XXX-XX{phone.LastTwo}", response.Json["cellphone"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeviceToken_EachRefusal_Returns401ProblemDetails()
    {
        using var device = await TestDevice.RegisterAsync(factory, TestPhone.Next());
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = factory.Clock.GetUtcNow();
        var replayed = device.Token();
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/device/v1/device", replayed)).Status);

        string[] refused =
        [
            replayed,                                                                   // replay of a used jti
            device.Token(issuedAt: now.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5)), // expired
            device.Token(issuedAt: now.AddMinutes(10)),                                 // issued in the future
            device.Token(lifetime: TimeSpan.FromHours(1)),                              // lives too long
            device.Token(signWith: stranger),                                           // signed by another key
            device.Token(alg: "none"),                                                  // algorithm not ES256
            device.Token(subject: device.DeviceId + 1000),                              // another device's id
            device.Token(tokenId: "short"),                                             // jti too short
            "not.a.token",
        ];
        foreach (var token in refused)
        {
            var response = await device.GetAsync("/device/v1/device", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
            Assert.Equal("60101", response.Json["code"]!.GetValue<string>());
            Assert.StartsWith("application/problem+json", response.ContentType);
        }

        var missing = await factory.CreateClient().GetApiAsync("/device/v1/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
    }

    [Fact]
    public async Task CompleteRegistration_WrongCode_Returns401AndAfterFiveTheRegistrationIsDead()
    {
        var phone = TestPhone.Next();
        var registrationId = await TestDevice.StartAsync(factory, phone);
        var code = await TestDevice.ReadRegistrationCodeAsync(factory, phone);
        var wrong = code == "000000" ? "111111" : "000000";

        var first = await CompleteAsync(registrationId, wrong);
        for (var i = 0; i < 4; i++)
        {
            await CompleteAsync(registrationId, wrong);
        }

        var right = await CompleteAsync(registrationId, code);

        Assert.Equal(HttpStatusCode.Unauthorized, first.Status);
        Assert.Equal("60036", first.Json["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, right.Status);
        Assert.Equal("60035", right.Json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteRegistration_AfterExpiry_Returns404()
    {
        var phone = TestPhone.Next();
        var registrationId = await TestDevice.StartAsync(factory, phone);
        var code = await TestDevice.ReadRegistrationCodeAsync(factory, phone);

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var response = await CompleteAsync(registrationId, code);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task CompleteRegistration_KeyNotOnCurveOrCodeUsedTwice_IsRefused()
    {
        var phone = TestPhone.Next();
        var registrationId = await TestDevice.StartAsync(factory, phone);
        var code = await TestDevice.ReadRegistrationCodeAsync(factory, phone);
        var badKey = new { kty = "EC", crv = "P-256", x = TestDevice.Base64Url(new byte[32]), y = TestDevice.Base64Url(new byte[32]) };

        var refused = await CompleteAsync(registrationId, code, badKey);
        var accepted = await CompleteAsync(registrationId, code);
        var again = await CompleteAsync(registrationId, code);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("60034", refused.Json["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task StartRegistration_PastPhoneLimit_Returns429()
    {
        var phone = TestPhone.Next();
        for (var i = 0; i < 5; i++)
        {
            await TestDevice.StartAsync(factory, phone);
        }

        var response = await ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            "/device/v1/registrations", new { country_code = "1", phone_number = phone.National, via = "call" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal("60003", response.Json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartRegistration_PossibleButUnassignedNumber_SendsTheCode()
    {
        var phone = TestPhone.NextUnassigned();

        var response = await ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            "/device/v1/registrations", new { country_code = 1, phone_number = phone.Dashed }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        await factory.Senders.WaitForAsync<Authy.Application.Messaging.SmsMessage>(m => m.To == phone.E164);
    }

    [Fact]
    public async Task StartRegistration_InvalidPhoneOrVia_Returns400()
    {
        var badPhone = await ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            "/device/v1/registrations", new { country_code = 1, phone_number = "555-123-456" }, TestContext.Current.CancellationToken));
        var badVia = await ApiResponse.ReadAsync(factory.CreateClient().PostAsJsonAsync(
            "/device/v1/registrations", new { country_code = 1, phone_number = TestPhone.Next().National, via = "pigeon" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, badPhone.Status);
        Assert.Equal("60033", badPhone.Json["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badVia.Status);
    }

    [Theory]
    [InlineData("POST", "/device/v1/registrations", "application/json", "{\"country_code\":")]
    [InlineData("POST", "/device/v1/registrations", "text/plain", "hello")]
    [InlineData("POST", "/device/v1/registrations", "application/json", "[]")]
    [InlineData("POST", "/device/v1/registrations/not-a-guid/complete", "application/json", "{}")]
    [InlineData("POST", "/device/v1/registrations/3f0b8f0e-5c1a-4f57-9b0e-2b8f3c1d9a77/complete", "application/json", "{\"public_key\":\"nope\"}")]
    [InlineData("GET", "/device/v1/nothing-here", null, null)]
    public async Task MalformedDeviceRequest_Gets4xxProblemDetailsNever500(string method, string path, string? contentType, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType!);
        }

        var response = await factory.CreateClient().SendApiAsync(request);

        Assert.InRange((int)response.Status, 400, 499);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveDevice_ThenItsTokensFailAndSmsIsSentAgain()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        using var device = await TestDevice.RegisterAsync(factory, phone);

        var removed = await device.DeleteAsync("/device/v1/device");
        var afterwards = await device.GetAsync("/device/v1/device");
        var sms = await client.GetApiAsync($"/protected/json/sms/{authyId}");

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.Status);
        Assert.Equal("SMS token was sent", sms.Json["message"]!.GetValue<string>());
    }
}
