using System.Net;
using System.Web;
using Authy.Application.Otp;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>QR secrets for third-party authenticator apps (users/{id}/secret and the image URL), on both providers.</summary>
public abstract class SecretsTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : SecretsTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : SecretsTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private async Task<(HttpClient Client, long Id)> NewUserAsync(string appName = "Acme Bank", Action<Authy.Application.Apps.AppSettings>? configure = null)
    {
        var app = await factory.CreateAppAsync(appName, configure);
        var client = factory.CreateApiClient(app.ApiKey);
        return (client, await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next()));
    }

    private async Task<Uri> DecodeOtpAuthAsync(string qrUrl)
    {
        var png = await factory.CreateClient().GetAsync(new Uri(qrUrl).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", png.Headers.CacheControl!.ToString());
        var (text, _) = await QrDecoder.DecodeAsync(await png.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        return new Uri(text);
    }

    private string CurrentCode(Uri otpauth) =>
        Totp.Compute(OtpSecret.FromBase32(HttpUtility.ParseQueryString(otpauth.Query)["secret"]!), Totp.StepAt(factory.Clock.GetUtcNow(), 30), TotpParameters.Generic);

    [Fact]
    public async Task PostSecret_Defaults_ServesQrOfStandardUriWhoseCodeVerifiesOnce()
    {
        var (client, id) = await NewUserAsync();

        var created = await client.PostFormAsync($"/protected/json/users/{id}/secret");
        var otpauth = await DecodeOtpAuthAsync(created.Json["qr_code"]!.GetValue<string>());
        var query = HttpUtility.ParseQueryString(otpauth.Query);
        var code = CurrentCode(otpauth);
        var verified = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        var reused = await client.GetApiAsync($"/protected/json/verify/{code}/{id}");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("Acme Bank", created.Json["label"]!.GetValue<string>());
        Assert.Equal("Acme Bank", created.Json["Issuer"]!.GetValue<string>());
        Assert.StartsWith("http://localhost/qr/", created.Json["qr_code"]!.GetValue<string>(), StringComparison.Ordinal);
        Golden.AssertMatches("secret_created", created.Body.Replace(created.Json["qr_code"]!.GetValue<string>(), "*", StringComparison.Ordinal));

        Assert.Equal("otpauth", otpauth.Scheme);
        Assert.Equal("totp", otpauth.Host);
        Assert.Equal("/Acme%20Bank:Acme%20Bank", otpauth.AbsolutePath);
        Assert.Equal("Acme Bank", query["issuer"]);
        Assert.Equal(("SHA1", "6", "30"), (query["algorithm"], query["digits"], query["period"]));
        Assert.Equal(20, OtpSecret.FromBase32(query["secret"]!).Length);

        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Contains("\"token\":\"is valid\"", verified.Body, StringComparison.Ordinal);
        reused.AssertAuthyError(HttpStatusCode.Unauthorized, "60019");
    }

    private string CodeAtStepOffset(Uri otpauth, int offset) =>
        Totp.Compute(OtpSecret.FromBase32(HttpUtility.ParseQueryString(otpauth.Query)["secret"]!), Totp.StepAt(factory.Clock.GetUtcNow(), 30) + offset, TotpParameters.Generic);

    [Fact]
    public async Task Verify_SixDigitCode_IsAcceptedOneStepEitherSideAndNotTwo()
    {
        var (client, id) = await NewUserAsync("Tight window");
        var otpauth = await DecodeOtpAuthAsync((await client.PostFormAsync($"/protected/json/users/{id}/secret")).Json["qr_code"]!.GetValue<string>());

        var twoBehind = await client.GetApiAsync($"/protected/json/verify/{CodeAtStepOffset(otpauth, -2)}/{id}");
        var twoAhead = await client.GetApiAsync($"/protected/json/verify/{CodeAtStepOffset(otpauth, 2)}/{id}");
        var oneBehind = await client.GetApiAsync($"/protected/json/verify/{CodeAtStepOffset(otpauth, -1)}/{id}");
        var oneAhead = await client.GetApiAsync($"/protected/json/verify/{CodeAtStepOffset(otpauth, 1)}/{id}");

        twoBehind.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        twoAhead.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        Assert.Equal(HttpStatusCode.OK, oneBehind.Status);
        Assert.Equal(HttpStatusCode.OK, oneAhead.Status);
    }

    [Fact]
    public async Task Verify_SixDigitCode_WiderWindowSetForTheApplication_IsHonoured()
    {
        var (client, id) = await NewUserAsync("Wide window", s => s.GenericTokenWindowSteps = 3);
        var otpauth = await DecodeOtpAuthAsync((await client.PostFormAsync($"/protected/json/users/{id}/secret")).Json["qr_code"]!.GetValue<string>());

        var fourBehind = await client.GetApiAsync($"/protected/json/verify/{CodeAtStepOffset(otpauth, -4)}/{id}");
        var threeBehind = await client.GetApiAsync($"/protected/json/verify/{CodeAtStepOffset(otpauth, -3)}/{id}");

        fourBehind.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        Assert.Equal(HttpStatusCode.OK, threeBehind.Status);
    }

    [Fact]
    public async Task PostSecret_LabelAndSize_AreHonoured()
    {
        var (client, id) = await NewUserAsync();

        var small = await client.PostJsonAsync($"/protected/json/users/{id}/secret", """{"qr_size":100,"label":"ana@example.com"}""");
        var png = await factory.CreateClient().GetByteArrayAsync(new Uri(small.Json["qr_code"]!.GetValue<string>()).PathAndQuery, TestContext.Current.CancellationToken);
        var (text, width) = await QrDecoder.DecodeAsync(png);

        Assert.Equal("ana@example.com", small.Json["label"]!.GetValue<string>());
        Assert.Contains(":ana%40example.com?", text, StringComparison.Ordinal);
        Assert.InRange(width, 29, 100);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("10")]
    [InlineData("321")]
    [InlineData("-5")]
    public async Task PostSecret_BadQrSize_Returns400With60004(string size)
    {
        var (client, id) = await NewUserAsync();

        var response = await client.PostFormAsync($"/protected/json/users/{id}/secret", ("qr_size", size));

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
    }

    [Fact]
    public async Task GetQrImage_After24Hours_Returns404()
    {
        var (client, id) = await NewUserAsync();
        var created = await client.PostFormAsync($"/protected/json/users/{id}/secret");
        var path = new Uri(created.Json["qr_code"]!.GetValue<string>()).PathAndQuery;

        factory.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var stillThere = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var gone = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task PostSecret_SecondRequest_InvalidatesFirstSecretAndImage()
    {
        var (client, id) = await NewUserAsync();
        var first = await client.PostFormAsync($"/protected/json/users/{id}/secret");
        var firstUri = await DecodeOtpAuthAsync(first.Json["qr_code"]!.GetValue<string>());

        var second = await client.PostFormAsync($"/protected/json/users/{id}/secret");
        var secondUri = await DecodeOtpAuthAsync(second.Json["qr_code"]!.GetValue<string>());
        var oldImage = await factory.CreateClient().GetAsync(new Uri(first.Json["qr_code"]!.GetValue<string>()).PathAndQuery, TestContext.Current.CancellationToken);
        var oldCode = await client.GetApiAsync($"/protected/json/verify/{CurrentCode(firstUri)}/{id}");
        var newCode = await client.GetApiAsync($"/protected/json/verify/{CurrentCode(secondUri)}/{id}");

        Assert.Equal(HttpStatusCode.NotFound, oldImage.StatusCode);
        if (CurrentCode(firstUri) != CurrentCode(secondUri))
        {
            oldCode.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        }

        Assert.Equal(HttpStatusCode.OK, newCode.Status);
    }

    [Fact]
    public async Task PostSecret_GenericTokensDisabled_Returns60123()
    {
        var (client, id) = await NewUserAsync(configure: s => s.GenericTokensEnabled = false);

        var response = await client.PostFormAsync($"/protected/json/users/{id}/secret");

        response.AssertAuthyError(HttpStatusCode.Forbidden, "60123");
        Golden.AssertMatches("error_generic_tokens_disabled", response.Body);
    }

    [Fact]
    public async Task PostSecret_UnknownUser_Returns404With60026()
    {
        var (client, _) = await NewUserAsync();

        var response = await client.PostFormAsync("/protected/json/users/987654321/secret");

        response.AssertAuthyError(HttpStatusCode.NotFound, "60026");
    }

    [Fact]
    public async Task GetVerify_SixDigitsWithoutSecret_Returns60020()
    {
        var (client, id) = await NewUserAsync();

        var response = await client.GetApiAsync($"/protected/json/verify/123456/{id}");

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
    }

    [Fact]
    public async Task GetQrImage_UnknownToken_Returns404()
    {
        var response = await factory.CreateClient().GetAsync("/qr/not-a-token.png", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
