using System.Net;
using System.Text.Json;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>users/new, status, delete (three paths), update and register_activity, on PostgreSQL and on SQLite.</summary>
public abstract class UsersTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : UsersTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : UsersTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    [Fact]
    public async Task PostUsersNew_FormBody_CreatesUserWithIntegerId()
    {
        var app = await factory.CreateAppAsync();
        var phone = TestPhone.Next();

        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "ana@example.com"), ("user[cellphone]", phone.Dashed), ("user[country_code]", "1"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("application/json", response.ContentType);
        Assert.Equal(JsonValueKind.Number, response.Json["user"]!["id"]!.GetValueKind());
        Assert.True(response.Json["user"]!["id"]!.GetValue<long>() > 0);
        Golden.AssertMatches("users_new_ok", response.Body);
    }

    [Fact]
    public async Task PostUsersNew_SamePhoneTwice_ReturnsSameIdAndKeepsLatestEmail()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();

        var first = await AuthyApiFactory.RegisterUserAsync(client, phone, "first@example.com");
        var second = await AuthyApiFactory.RegisterUserAsync(client, phone with { National = phone.Dashed }, "second@example.com");
        var status = await client.GetApiAsync($"/protected/json/users/{first}/status");

        Assert.Equal(first, second);
        Assert.Equal("second@example.com", status.Json["status"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostUsersNew_SamePhoneFromTwoApps_SharesTheAuthyId()
    {
        var appA = await factory.CreateAppAsync("A");
        var appB = await factory.CreateAppAsync("B");
        var phone = TestPhone.Next();

        var idA = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(appA.ApiKey), phone);
        var idB = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(appB.ApiKey), phone);

        Assert.Equal(idA, idB);
    }

    [Fact]
    public async Task PostUsersNew_PhpStyleQueryWithEmptyBody_CreatesUser()
    {
        var app = await factory.CreateAppAsync();
        var phone = TestPhone.Next();
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"/protected/json/users/new?user%5Bemail%5D=p%40example.com&user%5Bcellphone%5D={phone.National}&user%5Bcountry_code%5D=1&user%5Bsend_install_link_via_sms%5D=1");

        var response = await factory.CreateApiClient(app.ApiKey).SendApiAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("User created successfully.", response.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostUsersNew_ApiKeyInQueryAndJsonCountryCodeNumber_CreatesUser()
    {
        var app = await factory.CreateAppAsync();
        var phone = TestPhone.Next();

        var response = await factory.CreateClient().PostJsonAsync(
            $"/protected/json/users/new?api_key={app.ApiKey}",
            $$"""{"user":{"email":"j@example.com","cellphone":"{{phone.National}}","country_code":1},"send_install_link_via_sms":false}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task PostUsersNew_ApiKeyInFormBody_CreatesUser()
    {
        var app = await factory.CreateAppAsync();
        var phone = TestPhone.Next();

        var response = await factory.CreateClient().PostFormAsync(
            "/protected/json/users/new",
            ("api_key", app.ApiKey), ("user[email]", "g@example.com"), ("user[cellphone]", phone.National), ("user[country_code]", "1"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task PostUsersNew_InvalidFields_Returns400With60027AndFieldErrorsAtTopLevel()
    {
        var app = await factory.CreateAppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "not-an-email"), ("user[cellphone]", "12ab"), ("user[country_code]", "1"));

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60027");
        Assert.Equal("is invalid", response.Json["cellphone"]!.GetValue<string>());
        Assert.Equal("is invalid", response.Json["errors"]!["email"]!.GetValue<string>());
        Golden.AssertMatches("users_new_invalid", response.Body);
    }

    [Fact]
    public async Task PostUsersNew_MissingEverything_Returns60027WithBlankErrors()
    {
        var app = await factory.CreateAppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync("/protected/json/users/new");

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60027");
        Assert.Equal("is invalid and can't be blank", response.Json["country_code"]!.GetValue<string>());
        Assert.Equal("is invalid and can't be blank", response.Json["cellphone"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostUsersNew_UnsupportedCountryCode_Returns60027NotSupported()
    {
        var app = await factory.CreateAppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "a@example.com"), ("user[cellphone]", "5551234567"), ("user[country_code]", "999"));

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60027");
        Assert.Equal("is not supported", response.Json["country_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostUsersNew_NumberNotValidForCountry_StrictApp_Returns400With60033()
    {
        var app = await factory.CreateAppAsync("Strict", s => s.StrictPhoneNumbers = true);

        // 555 is not an area code in service: the number has the right length but no such line can exist.
        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "a@example.com"), ("user[cellphone]", "555-123-4567"), ("user[country_code]", "1"));

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60033");
        Golden.AssertMatches("users_new_phone_invalid", response.Body);
    }

    [Theory]
    [InlineData("555-123-4567")]
    [InlineData("432-123-4567")]
    public async Task PostUsersNew_PossibleButUnassignedNumber_IsRegistered(string cellphone)
    {
        var app = await factory.CreateAppAsync();

        // Authy registered these (the node client's own example is 555-123-4567); only their length is checked.
        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "a@example.com"), ("user[cellphone]", cellphone), ("user[country_code]", "1"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json["user"]!["id"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task PostUsersNew_NumberOfImpossibleLength_Returns60027CellphoneInvalid()
    {
        var app = await factory.CreateAppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "a@example.com"), ("user[cellphone]", "555-123-456"), ("user[country_code]", "1"));

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60027");
        Assert.Equal("is invalid", response.Json["cellphone"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostUsersNew_NumberWithItsCountryCode_IsTheSameUser()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync()).ApiKey);
        var phone = TestPhone.Next();

        var national = await AuthyApiFactory.RegisterUserAsync(client, phone);
        var withCode = await AuthyApiFactory.RegisterUserAsync(client, phone with { National = $"+1 {phone.Dashed}" });

        Assert.Equal(national, withCode);
    }

    [Fact]
    public async Task PostUsersNew_NoApiKey_Returns401With60001()
    {
        var response = await factory.CreateClient().PostFormAsync("/protected/json/users/new", ("user[email]", "a@example.com"));

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60001");
        Assert.Equal("Invalid API key", response.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("error_invalid_api_key", response.Body);
    }

    [Fact]
    public async Task GetUserStatus_UnknownApiKey_Returns401With60001()
    {
        var response = await factory.CreateApiClient("not-a-real-key").GetApiAsync("/protected/json/users/1/status");

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60001");
    }

    [Fact]
    public async Task GetUserStatus_NewUser_ReturnsMaskedPhoneAndExactTypes()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone, "s@example.com");

        var response = await client.GetApiAsync($"/protected/json/users/{id}/status");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var status = response.Json["status"]!;
        Assert.Equal(id, status["authy_id"]!.GetValue<long>());
        Assert.Equal(1, status["country_code"]!.GetValue<int>());
        Assert.Equal("XXX-XXX-" + phone.National[^4..], status["phone_number"]!.GetValue<string>());
        Assert.False(status["registered"]!.GetValue<bool>());
        Assert.False(status["account_disabled"]!.GetValue<bool>());
        Assert.Empty(status["devices"]!.AsArray());
        Assert.Equal("User status.", response.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("users_status_ok", response.Body);
    }

    [Fact]
    public async Task GetUserStatus_JsonBodyOnGet_IsAccepted()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/protected/json/users/{id}/status")
        {
            Content = new StringContent("""{"user_ip":"10.0.0.1"}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await client.SendApiAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task GetUserStatus_WithDevice_ListsDeviceAndIsRegistered()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        await factory.AddDeviceAsync(id, "ios");

        var response = await client.GetApiAsync($"/protected/json/users/{id}/status");

        var status = response.Json["status"]!;
        Assert.Equal(["ios"], status["devices"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.True(status["registered"]!.GetValue<bool>());
        Assert.Equal("ios", status["detailed_devices"]![0]!["os_type"]!.GetValue<string>());
        Golden.AssertMatches("users_status_with_device", response.Body);
    }

    [Fact]
    public async Task GetUserStatus_UserOfAnotherApp_Returns404With60026()
    {
        var owner = await factory.CreateAppAsync("Owner");
        var other = await factory.CreateAppAsync("Other");
        var id = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(owner.ApiKey), TestPhone.Next());

        var response = await factory.CreateApiClient(other.ApiKey).GetApiAsync($"/protected/json/users/{id}/status");

        response.AssertAuthyError(HttpStatusCode.NotFound, "60026");
        Assert.Equal("User not found.", response.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("error_user_not_found", response.Body);
    }

    [Theory]
    [InlineData("/protected/json/users/{0}/remove")]
    [InlineData("/protected/json/users/delete/{0}")]
    [InlineData("/protected/json/users/{0}/delete")]
    public async Task PostDelete_EachPath_RemovesUserFromApp(string pathTemplate)
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, pathTemplate, id);

        // Java posts an empty body labelled application/json.
        var deleted = await client.PostJsonAsync(path, string.Empty);
        var status = await client.GetApiAsync($"/protected/json/users/{id}/status");
        var again = await client.PostJsonAsync(path, "{}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("User was added to remove.", deleted.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("users_delete_ok", deleted.Body);
        status.AssertAuthyError(HttpStatusCode.NotFound, "60026");
        again.AssertAuthyError(HttpStatusCode.NotFound, "60026");
    }

    [Fact]
    public async Task PostDelete_ThenRegisterAgain_SameIdWithNewSecret()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await client.GetApiAsync($"/protected/json/sms/{id}?force=true");
        var oldCode = await factory.WaitForSmsCodeAsync(phone);

        await client.PostFormAsync($"/protected/json/users/{id}/remove");
        var again = await AuthyApiFactory.RegisterUserAsync(client, phone);
        var verify = await client.GetApiAsync($"/protected/json/verify/{oldCode}/{again}");

        Assert.Equal(id, again);
        verify.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
    }

    [Fact]
    public async Task PostUpdate_NewEmail_IsShownInStatus()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var updated = await client.PostFormAsync($"/protected/json/users/{id}/update", ("email", "new@example.com"));
        var status = await client.GetApiAsync($"/protected/json/users/{id}/status");
        var invalid = await client.PostFormAsync($"/protected/json/users/{id}/update", ("email", "nope"));
        var missing = await client.PostFormAsync("/protected/json/users/999999/update", ("email", "x@example.com"));

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Golden.AssertMatches("users_update_ok", updated.Body);
        Assert.Equal("new@example.com", status.Json["status"]!["email"]!.GetValue<string>());
        invalid.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        missing.AssertAuthyError(HttpStatusCode.NotFound, "60026");
    }

    [Fact]
    public async Task PostRegisterActivity_ValidTypeWithData_ReturnsActivityCreated()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var response = await client.PostFormAsync(
            $"/protected/json/users/{id}/register_activity",
            ("type", "password_reset"), ("user_ip", "192.0.2.7"), ("data[reason]", "forgot"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Activity was created.", response.Json["message"]!.GetValue<string>());
        Golden.AssertMatches("users_register_activity_ok", response.Body);
    }

    [Fact]
    public async Task PostRegisterActivity_UnknownOrMissingType_Returns400With60004()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var unknown = await client.PostFormAsync($"/protected/json/users/{id}/register_activity", ("type", "hacked"));
        var missing = await client.PostFormAsync($"/protected/json/users/{id}/register_activity");

        unknown.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        missing.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
        Golden.AssertMatches("error_missing_parameter", missing.Body);
    }

    [Fact]
    public async Task PostRegisterActivity_Banned_BlocksCodesAndVerifyUntilUnbanned()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);

        await client.PostFormAsync($"/protected/json/users/{id}/register_activity", ("type", "banned"));
        var sms = await client.GetApiAsync($"/protected/json/sms/{id}");
        var verifyWhileBanned = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        var status = await client.GetApiAsync($"/protected/json/users/{id}/status");
        await client.PostFormAsync($"/protected/json/users/{id}/register_activity", ("type", "unbanned"));
        var verifyAfter = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        sms.AssertAuthyError(HttpStatusCode.Forbidden, "60107");
        verifyWhileBanned.AssertAuthyError(HttpStatusCode.Forbidden, "60107");
        Golden.AssertMatches("error_user_blocked", sms.Body);
        Assert.True(status.Json["status"]!["account_disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, verifyAfter.Status);
        Assert.Single(factory.Senders.Sms, m => m.To == phone.E164);
    }
}
