using System.Net;
using System.Text.Json.Nodes;
using Authy.Application.Otp;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// Seeds on devices (ADR 0019): handed out once per version, replaced when a device that was handed them is removed,
/// and a new device announced to the user's other devices; on both providers.
/// </summary>
public abstract class DeviceSeedsTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : DeviceSeedsTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : DeviceSeedsTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    [Fact]
    public async Task RemoveDevice_AfterItSynced_ItsCodesFailInEveryAppAndTheOtherDeviceGetsNewSeeds()
    {
        var (first, second) = (await factory.CreateAppAsync("First"), await factory.CreateAppAsync("Second"));
        var (firstClient, secondClient) = (factory.CreateApiClient(first.ApiKey), factory.CreateApiClient(second.ApiKey));
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(firstClient, phone);
        await AuthyApiFactory.RegisterUserAsync(secondClient, phone);
        using var removed = await TestDevice.RegisterAsync(factory, phone);
        using var kept = await RegisterSecondDeviceAsync(phone);
        var oldSecrets = Secrets(await removed.GetAsync("/device/v1/tokens"));
        using var events = await DeviceEventStream.OpenAsync(factory, kept);

        var deleted = await removed.DeleteAsync("/device/v1/device");
        var changed = await events.NextEventAsync("tokens_changed");
        var oldCodeInFirst = await firstClient.GetApiAsync($"/protected/json/verify/{Code(oldSecrets[first.Id])}/{authyId}");
        var oldCodeInSecond = await secondClient.GetApiAsync($"/protected/json/verify/{Code(oldSecrets[second.Id])}/{authyId}");
        var newSecrets = Secrets(await kept.GetAsync("/device/v1/tokens"));
        var newCodeInFirst = await firstClient.GetApiAsync($"/protected/json/verify/{Code(newSecrets[first.Id])}/{authyId}");
        var newCodeInSecond = await secondClient.GetApiAsync($"/protected/json/verify/{Code(newSecrets[second.Id])}/{authyId}");
        await firstClient.GetApiAsync($"/protected/json/sms/{authyId}?force=true");
        var smsCode = await factory.WaitForSmsCodeAsync(phone, skip: 2); // after the two registration codes
        var smsVerified = await firstClient.GetApiAsync($"/protected/json/verify/{smsCode}/{authyId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal([first.Id, second.Id], changed.Data["app_ids"]!.AsArray().Select(id => id!.GetValue<int>()).Order());
        Assert.Equal("device_removed", changed.Data["reason"]!.GetValue<string>());
        Assert.Equal("Test device", changed.Data["device_name"]!.GetValue<string>());
        foreach (var refused in new[] { oldCodeInFirst, oldCodeInSecond })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("60020", refused.Json["error_code"]!.GetValue<string>());
        }

        Assert.NotEqual(oldSecrets[first.Id], newSecrets[first.Id]);
        Assert.NotEqual(oldSecrets[second.Id], newSecrets[second.Id]);
        Assert.Equal(HttpStatusCode.OK, newCodeInFirst.Status);
        Assert.Equal(HttpStatusCode.OK, newCodeInSecond.Status);
        Assert.Equal(HttpStatusCode.OK, smsVerified.Status);
    }

    [Fact]
    public async Task ListTokens_SecondCall_CarriesNoSecretUntilTheSeedIsRotated()
    {
        var app = await factory.CreateAppAsync("Acme");
        var phone = TestPhone.Next();
        await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(app.ApiKey), phone);
        using var removed = await TestDevice.RegisterAsync(factory, phone);
        using var kept = await RegisterSecondDeviceAsync(phone);
        await removed.GetAsync("/device/v1/tokens");

        var first = Token(await kept.GetAsync("/device/v1/tokens"));
        var second = Token(await kept.GetAsync("/device/v1/tokens"));
        await removed.DeleteAsync("/device/v1/device");
        var rotated = Token(await kept.GetAsync("/device/v1/tokens"));
        var afterRotation = Token(await kept.GetAsync("/device/v1/tokens"));

        Assert.Equal(1, first["seed_version"]!.GetValue<int>());
        Assert.NotNull(first["secret"]);
        Assert.Equal(1, second["seed_version"]!.GetValue<int>());
        Assert.Null(second["secret"]); // the key is there, with null: the device keeps the secret it stored
        Assert.True(second.AsObject().ContainsKey("secret"));
        Assert.Equal((app.Id, "Acme", 7, 30, "SHA1"), (second["app_id"]!.GetValue<int>(), second["app_name"]!.GetValue<string>(), second["digits"]!.GetValue<int>(), second["period"]!.GetValue<int>(), second["algorithm"]!.GetValue<string>()));
        Assert.Equal(2, rotated["seed_version"]!.GetValue<int>());
        Assert.NotNull(rotated["secret"]);
        Assert.NotEqual(first["secret"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>());
        Assert.Equal(2, afterRotation["seed_version"]!.GetValue<int>());
        Assert.Null(afterRotation["secret"]);
    }

    [Fact]
    public async Task RemoveDevice_ThatNeverSynced_LeavesTheSeedsAlone()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        using var removed = await TestDevice.RegisterAsync(factory, phone);
        using var kept = await RegisterSecondDeviceAsync(phone);
        var before = Token(await kept.GetAsync("/device/v1/tokens"));

        await removed.DeleteAsync("/device/v1/device");
        var after = Token(await kept.GetAsync("/device/v1/tokens"));
        var verified = await client.GetApiAsync($"/protected/json/verify/{Code(before["secret"]!.GetValue<string>())}/{authyId}");

        Assert.Equal(1, after["seed_version"]!.GetValue<int>());
        Assert.Null(after["secret"]);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task CompleteRegistration_SecondDevice_RaisesDeviceAddedOnTheFirstDevicesStream()
    {
        var phone = TestPhone.Next();
        using var existing = await TestDevice.RegisterAsync(factory, phone);
        using var events = await DeviceEventStream.OpenAsync(factory, existing);

        using var added = await RegisterSecondDeviceAsync(phone);
        var notice = await events.NextEventAsync("device_added");

        Assert.Equal(added.DeviceId, notice.Data["device_id"]!.GetValue<long>());
        Assert.Equal("Test device", notice.Data["name"]!.GetValue<string>());
        Assert.Equal("web", notice.Data["os_type"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow(), notice.Data["added_at"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>Another device for <paramref name="phone"/>: its registration code is the second one sent there.</summary>
    private Task<TestDevice> RegisterSecondDeviceAsync(TestPhone phone) =>
        TestDevice.RegisterAsync(factory.CreateClient, factory.Clock, phone, () => TestDevice.ReadRegistrationCodeAsync(factory, phone, skip: 1));

    private string Code(string secret) =>
        Totp.Compute(OtpSecret.FromBase32(secret), Totp.StepAt(factory.Clock.GetUtcNow(), 30), TotpParameters.Authy);

    private static JsonNode Token(ApiResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return Assert.Single(response.Json["tokens"]!.AsArray())!;
    }

    private static Dictionary<int, string> Secrets(ApiResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json["tokens"]!.AsArray().ToDictionary(t => t!["app_id"]!.GetValue<int>(), t => t!["secret"]!.GetValue<string>());
    }
}
