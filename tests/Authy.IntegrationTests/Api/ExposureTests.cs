using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// What a Production server shows the public: /metrics only on its own port or with a token, no API documents unless
/// asked for, links from PublicBaseUrl (not the Host header), the authenticator's headers, and device bodies capped.
/// </summary>
public sealed class ExposureTests
{
    private const string PublicBaseUrl = "https://2fa.example.test";

    private const string MetricsToken = "0123456789abcdef0123456789abcdef-metrics";

    private static readonly Dictionary<string, string?> Production = new() { ["PublicBaseUrl"] = PublicBaseUrl };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetMetrics_ProductionWithoutPortOrToken_IsNotServed()
    {
        await using var factory = await StartAsync("Production", Production);

        using var response = await factory.CreateClient().GetAsync("/metrics", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetMetrics_WithBearerToken_AnswersOnlyWithThatToken()
    {
        await using var factory = await StartAsync("Production", With(Production, ("Metrics:BearerToken", MetricsToken)));
        var client = factory.CreateClient();

        using var none = await client.GetAsync("/metrics", Cancellation);
        using var wrong = await client.SendAsync(Scrape("Bearer " + MetricsToken[..^1] + "X"), Cancellation);
        using var basic = await client.SendAsync(Scrape("Basic " + MetricsToken), Cancellation);
        using var right = await client.SendAsync(Scrape("Bearer " + MetricsToken), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("http_request_duration_seconds", await right.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_WithPort_AnswersOnThatPortOnlyAndThePortServesNothingElse()
    {
        await using var factory = await StartAsync("Production", With(Production, ("Metrics:Port", "9464")));

        var publicPort = await factory.Server.SendAsync(c => Get(c, "/metrics", localPort: 8080), Cancellation);
        var forgedHost = await factory.Server.SendAsync(c => Get(c, "/metrics", localPort: 8080, host: "localhost:9464"), Cancellation);
        var metricsPort = await factory.Server.SendAsync(c => Get(c, "/metrics", localPort: 9464), Cancellation);
        var apiOnMetricsPort = await factory.Server.SendAsync(c => Get(c, "/health/live", localPort: 9464), Cancellation);
        var apiOnPublicPort = await factory.Server.SendAsync(c => Get(c, "/health/live", localPort: 8080), Cancellation);

        Assert.Equal(404, publicPort.Response.StatusCode);
        Assert.Equal(404, forgedHost.Response.StatusCode);
        Assert.Equal(200, metricsPort.Response.StatusCode);
        Assert.Equal(404, apiOnMetricsPort.Response.StatusCode);
        Assert.Equal(200, apiOnPublicPort.Response.StatusCode);
    }

    [Fact]
    public async Task GetMetrics_Development_IsServedWithoutToken()
    {
        await using var factory = await StartAsync("Development");

        using var response = await factory.CreateClient().GetAsync("/metrics", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    public async Task ApiDocuments_ProductionByDefault_AreNotServed(string path)
    {
        await using var factory = await StartAsync("Production", Production);

        using var response = await factory.CreateClient().GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    public async Task ApiDocuments_ProductionWithSwaggerEnabled_AreServed(string path)
    {
        await using var factory = await StartAsync("Production", With(Production, ("Swagger:Enabled", "true")));

        using var response = await factory.CreateClient().GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiDocuments_DevelopmentWithSwaggerDisabled_AreNotServed()
    {
        await using var factory = await StartAsync("Development", new() { ["Swagger:Enabled"] = "false" });

        using var document = await factory.CreateClient().GetAsync("/openapi/v1.json", Cancellation);
        using var ui = await factory.CreateClient().GetAsync("/swagger/index.html", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ui.StatusCode);
    }

    [Fact]
    public async Task Production_WithoutPublicBaseUrlOrAllowedHosts_RefusesToStart()
    {
        await using var factory = new ConfiguredApiFactory("Production");

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains("PublicBaseUrl is required in Production", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithInvalidPublicBaseUrl_RefusesToStart()
    {
        await using var factory = new ConfiguredApiFactory("Production", new Dictionary<string, string?> { ["PublicBaseUrl"] = "2fa.example.test/path?x=1" });

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains("PublicBaseUrl must be an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSecret_ProductionForgedHostHeader_QrCodeIsOnPublicBaseUrl()
    {
        await using var factory = await StartAsync("Production", Production);
        var (client, id) = await NewUserAsync(factory);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/protected/json/users/{id}/secret");
        request.Headers.Host = "attacker.example";
        var created = await client.SendApiAsync(request);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.StartsWith(PublicBaseUrl + "/qr/", created.Json["qr_code"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSecret_ProductionWithAllowedHostsAndNoPublicBaseUrl_RefusesOtherHostsAndLinksToTheAllowedOne()
    {
        await using var factory = await StartAsync("Production", new() { ["AllowedHosts"] = "2fa.example.test" });
        var client = factory.CreateClient();
        client.BaseAddress = new Uri("http://2fa.example.test");
        var app = await factory.CreateAppAsync();
        client.DefaultRequestHeaders.Add("X-Authy-API-Key", app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/protected/json/users/{id}/secret");
        forged.Headers.Host = "attacker.example";
        using var refused = await client.SendAsync(forged, Cancellation);
        var created = await client.PostFormAsync($"/protected/json/users/{id}/secret");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("http://2fa.example.test/qr/", created.Json["qr_code"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSecret_DevelopmentWithoutPublicBaseUrl_UsesTheRequestHost()
    {
        await using var factory = await StartAsync("Development");
        var (client, id) = await NewUserAsync(factory);

        var created = await client.PostFormAsync($"/protected/json/users/{id}/secret");

        Assert.StartsWith("http://localhost/qr/", created.Json["qr_code"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/authenticator/")]
    [InlineData("/authenticator/app.js")]
    [InlineData("/authenticator/style.css")]
    public async Task GetAuthenticator_AnswersWithContentSecurityPolicyAndNoSniff(string path)
    {
        await using var factory = await StartAsync("Production", Production);

        using var response = await factory.CreateClient().GetAsync(path, Cancellation);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/device/v1/registrations", true)]
    [InlineData("/device/v1/registrations", false)]
    [InlineData("/device/v1/registrations/6f1c2a57-8d8e-4a4e-9a51-3f0d4f3b7a10/complete", true)]
    public async Task PostDevice_BodyOver64KiB_Returns413Problem(string path, bool declaresLength)
    {
        await using var factory = await StartAsync("Production", Production);
        var json = $$"""{"country_code":"1","phone_number":"2015550123","via":"sms","padding":"{{new string('x', 64 * 1024)}}"}""";
        using var content = declaresLength
            ? (HttpContent)new StringContent(json, Encoding.UTF8, "application/json")
            : new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await ApiResponse.ReadAsync(factory.CreateClient().PostAsync(path, content, Cancellation));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(413, response.Json["status"]!.GetValue<int>());
        Assert.Equal("60002", response.Json["code"]!.GetValue<string>());
        Assert.Equal("Invalid request: the body is too large", response.Json["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostDevice_BodyJustUnder64KiB_IsRead()
    {
        await using var factory = await StartAsync("Production", Production);
        const string prefix = "{\"country_code\":\"1\",\"phone_number\":\"2015550123\",\"via\":\"sms\",\"padding\":\"";
        var json = prefix + new string('x', (64 * 1024) - prefix.Length - 2) + "\"}";

        var response = await ApiResponse.ReadAsync(factory.CreateClient().PostAsync(
            "/device/v1/registrations", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation));

        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(json));
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    private static async Task<ConfiguredApiFactory> StartAsync(string environment, Dictionary<string, string?>? settings = null)
    {
        var factory = new ConfiguredApiFactory(environment, settings);
        await factory.InitializeAsync();
        return factory;
    }

    private static async Task<(HttpClient Client, long Id)> NewUserAsync(AuthyApiFactory factory)
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        return (client, await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next()));
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string Value)[] more)
    {
        var copy = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in more)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static HttpRequestMessage Scrape(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static void Get(Microsoft.AspNetCore.Http.HttpContext context, string path, int localPort, string host = "localhost")
    {
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString(host);
        context.Connection.LocalPort = localPort;
    }

    /// <summary>A body sent chunked, without Content-Length: the limit must hold while reading too.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
