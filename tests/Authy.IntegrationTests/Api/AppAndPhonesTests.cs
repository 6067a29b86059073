using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>app/details and phones/info, on both providers.</summary>
public abstract partial class AppAndPhonesTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : AppAndPhonesTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : AppAndPhonesTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    [Fact]
    public async Task GetAppDetails_ReturnsTheCallingAppWithIntegerId()
    {
        var app = await factory.CreateAppAsync("Details App", s => s.PhoneCallsEnabled = false);

        var response = await factory.CreateApiClient(app.ApiKey).GetApiAsync("/protected/json/app/details");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Application information.", response.Json["message"]!.GetValue<string>());
        var details = response.Json["app"]!;
        Assert.Equal(app.Id, details["app_id"]!.GetValue<int>());
        Assert.Equal("Details App", details["name"]!.GetValue<string>());
        Assert.True(details["sms_enabled"]!.GetValue<bool>());
        Assert.False(details["phone_calls_enabled"]!.GetValue<bool>());
        Assert.True(details["onetouch_enabled"]!.GetValue<bool>());
        Golden.AssertMatches("app_details", response.Body.Replace("Details App", "*", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("44", "7911 123456", "cellphone", "JT")]
    [InlineData("55", "11 98765-4321", "cellphone", "TIM")]
    [InlineData("1", "201-555-0123", "landline_or_cellphone", "")]
    [InlineData("1", "201-555-0131", "landline_or_cellphone", "")]
    [InlineData("1", "800-555-0199", "toll_free", "")]
    [InlineData("1", "+1 201-555-0123", "landline_or_cellphone", "")] // with its calling code, as Authy accepted
    [InlineData("44", "+44 7911 123456", "cellphone", "JT")]
    public async Task GetPhonesInfo_KnownNumbers_ReportKindAndCarrier(string countryCode, string number, string type, string provider)
    {
        var app = await factory.CreateAppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).GetApiAsync(
            $"/protected/json/phones/info?country_code={countryCode}&phone_number={Uri.EscapeDataString(number)}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(type, response.Json["type"]!.GetValue<string>());
        // A string even when unknown: authy-client 1.1.4 refuses a null provider.
        Assert.Equal(System.Text.Json.JsonValueKind.String, response.Json["provider"]?.GetValueKind());
        Assert.Equal(provider, response.Json["provider"]!.GetValue<string>());
        Assert.False(response.Json["ported"]!.GetValue<bool>());
        Assert.Matches(AsOf(), response.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPhonesInfo_PossibleButUnassignedNumber_AnswersUnknownUnlessStrict()
    {
        var lenient = factory.CreateApiClient((await factory.CreateAppAsync()).ApiKey);
        var strict = factory.CreateApiClient((await factory.CreateAppAsync("Strict", s => s.StrictPhoneNumbers = true)).ApiKey);
        var phone = TestPhone.NextUnassigned();
        var url = $"/protected/json/phones/info?country_code=1&phone_number={phone.Dashed}";

        var described = await lenient.GetApiAsync(url);
        var refused = await strict.GetApiAsync(url);

        Assert.Equal(HttpStatusCode.OK, described.Status);
        Assert.Equal("unknown", described.Json["type"]!.GetValue<string>());
        Assert.Equal(string.Empty, described.Json["provider"]!.GetValue<string>());
        refused.AssertAuthyError(HttpStatusCode.BadRequest, "60033");
    }

    [Fact]
    public async Task GetPhonesInfo_NodeStyleFormBodyOnGet_Works()
    {
        var app = await factory.CreateAppAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/protected/json/phones/info?api_key={app.ApiKey}")
        {
            Content = new StringContent("phone_number=7911123456&country_code=44", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        var response = await factory.CreateClient().SendApiAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Golden.AssertMatches("phones_info", Regex.Replace(response.Body, @"as of [0-9:\- ]+ UTC", "as of * UTC"));
    }

    [Fact]
    public async Task GetPhonesInfo_InvalidOrMissing_ReturnsAuthyErrors()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync()).ApiKey);

        var invalid = await client.GetApiAsync("/protected/json/phones/info?country_code=1&phone_number=555-123-456");
        var missing = await client.GetApiAsync("/protected/json/phones/info?country_code=1");

        invalid.AssertAuthyError(HttpStatusCode.BadRequest, "60033");
        missing.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
    }

    // authy-client checks this pattern.
    [GeneratedRegex(@"^Phone number information as of \d+-\d+-\d+ \d+:\d+:\d+ UTC$")]
    private static partial Regex AsOf();
}
