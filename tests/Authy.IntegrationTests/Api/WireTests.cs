using System.Net;
using System.Text;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>Malformed requests get Authy error bodies with the right status — never a 500 — and the XML format works.</summary>
public abstract class WireTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(PostgresApiFactory factory) : WireTests(factory), IClassFixture<PostgresApiFactory>;

    public sealed class OnSqlite(SqliteApiFactory factory) : WireTests(factory), IClassFixture<SqliteApiFactory>;

    public static TheoryData<string, string, string?, string?, int, string> MalformedRequests => new()
    {
        // method, path, content type, body, status, error_code
        { "GET", "/protected/json/users/abc/status", null, null, 404, "60026" },
        { "GET", "/protected/json/users/-5/status", null, null, 404, "60026" },
        { "GET", "/protected/json/users/99999999999999999999999999/status", null, null, 404, "60026" },
        { "GET", "/protected/json/sms/1e5", null, null, 404, "60026" },
        { "GET", "/protected/json/verify/1234567/abc", null, null, 404, "60026" },
        { "POST", "/protected/json/users/new", "application/json", "{\"user\":", 400, "60002" },
        { "POST", "/protected/json/users/new", "application/json", "[1,2,3]", 400, "60002" },
        { "POST", "/protected/json/users/new", "text/plain", "user[email]=a@b.com", 415, "60002" },
        { "POST", "/protected/json/users/new", "application/xml", "<user><email>a@b.com</email></user>", 415, "60002" },
        { "GET", "/protected/yaml/users/1/status", null, null, 404, "60000" },
        { "GET", "/protected/json/no/such/route", null, null, 404, "60000" },
        { "GET", "/protected/json/users/new", null, null, 405, "60000" },
        { "DELETE", "/protected/json/users/1/remove", null, null, 405, "60000" },
        { "POST", "/protected/json/users/new", "application/x-www-form-urlencoded", "user%5Bemail%5D=" + new string('a', 70_000), 413, "60002" },
        { "POST", "/protected/json/users/new", "application/json", "{\"user\":{\"email\":\"\u00ff\"}}", 400, "60005" },
        { "POST", "/protected/json/users/new", "application/json", new string('[', 5000), 400, "60002" },
        { "POST", "/protected/json/email/1", "application/json", "{\"action\":\"\\ud800\"}", 400, "60005" },
        { "GET", "/protected/json/sms/1", "application/json", "{\"action\":\"" + new string('a', 256) + "\"}", 400, "60004" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedRequest_GetsAuthyErrorBody(string method, string path, string? contentType, string? body, int status, string errorCode)
    {
        var app = await factory.CreateAppAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            // U+00FF is sent as the single byte 0xFF, which is not UTF-8.
            var bytes = body.Contains('\u00ff') ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        var response = await factory.CreateApiClient(app.ApiKey).SendApiAsync(request);

        response.AssertAuthyError((HttpStatusCode)status, errorCode);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/protected/json/users/new", "{\"user\":", "error_invalid_json")]
    [InlineData("GET", "/protected/json/no/such/route", null, "error_route_not_found")]
    [InlineData("GET", "/protected/json/users/new", null, "error_method_not_allowed")]
    public async Task GenericErrors_MatchGoldenBodies(string method, string path, string? json, string golden)
    {
        var app = await factory.CreateAppAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await factory.CreateApiClient(app.ApiKey).SendApiAsync(request);

        Golden.AssertMatches(golden, response.Body);
    }

    [Fact]
    public async Task NodeStyleFormContentTypeOnGetWithEmptyBody_IsAccepted()
    {
        var app = await factory.CreateAppAsync();
        var id = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(app.ApiKey), TestPhone.Next());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/protected/json/users/{id}/status?api_key={app.ApiKey}")
        {
            Content = new StringContent(string.Empty, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        var response = await factory.CreateClient().SendApiAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task JsonResponses_AreCompactSnakeCaseWithCharset()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var response = await client.GetApiAsync($"/protected/json/users/{id}/status");

        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.DoesNotContain(": ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", response.Body, StringComparison.Ordinal);
        Assert.Contains("\"has_hard_token\":false", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XmlFormat_StatusAndErrors_AreRailsStyleXml()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());

        var status = await client.GetApiAsync($"/protected/xml/users/{id}/status");
        var missing = await client.GetApiAsync("/protected/xml/users/987654321/status");

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.StartsWith("application/xml", status.ContentType);
        var xml = System.Xml.Linq.XDocument.Parse(status.Body);
        Assert.Equal("hash", xml.Root!.Name.LocalName);
        Assert.Equal("integer", xml.Root.Element("status")!.Element("authy-id")!.Attribute("type")!.Value);
        Assert.Equal("true", xml.Root.Element("success")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        var error = System.Xml.Linq.XDocument.Parse(missing.Body);
        Assert.Equal("errors", error.Root!.Name.LocalName);
        Assert.Equal("60026", error.Root.Element("error-code")!.Value);
    }
}

/// <summary>Health probes and the Development-only messages page.</summary>
public sealed class OperationsTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task Health_LiveAndReady_Return200()
    {
        var client = factory.CreateClient();

        var live = await client.GetApiAsync("/health/live");
        var ready = await client.GetApiAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
    }

    [Fact]
    public async Task DevMessages_AfterSms_ListsNewestFirstWithMaskedDestinationAndCode()
    {
        var app = await factory.CreateAppAsync("Dev");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        factory.Clock.Advance(TimeSpan.FromSeconds(1)); // the page orders by time, and the test clock stands still
        await client.GetApiAsync($"/protected/json/call/{id}");

        var messages = await factory.CreateClient().GetApiAsync("/dev/messages");

        var list = messages.Json.AsArray();
        var mine = list.Where(m => m!["to"]!.GetValue<string>() == $"+1-XXX-XXX-XX{phone.LastTwo}").ToList();
        Assert.Equal("voice", mine[0]!["channel"]!.GetValue<string>());
        Assert.Equal("sms", mine[1]!["channel"]!.GetValue<string>());
        Assert.Contains(code, mine[1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone.National, messages.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEndpointsAndApiKeyScheme()
    {
        var document = await factory.CreateClient().GetApiAsync("/openapi/v1.json");
        var swagger = await factory.CreateClient().GetApiAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Json["paths"]!.AsObject();
        Assert.Contains("/protected/{format}/verify/{token}/{authyId}", paths.Select(p => p.Key));
        Assert.Equal("X-Authy-API-Key", document.Json["components"]!["securitySchemes"]!["AuthyApiKey"]!["name"]!.GetValue<string>());
        Assert.All(paths, path => Assert.All(path.Value!.AsObject(), op => Assert.False(string.IsNullOrEmpty(op.Value!["description"]?.GetValue<string>() ?? op.Value!["summary"]?.GetValue<string>()))));
        Assert.Equal(HttpStatusCode.OK, swagger.Status);
    }
}

/// <summary>Outside Development the messages page does not exist.</summary>
public sealed class ProductionTests(ProductionApiFactory factory) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task DevMessages_InProduction_IsNotMapped()
    {
        var response = await factory.CreateClient().GetApiAsync("/dev/messages");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }
}

public sealed class ProductionApiFactory : AuthyApiFactory
{
    public override string ProviderName => "Postgres";

    protected override string Environment => "Production";

    protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        TestDatabases.CreatePostgresDatabaseAsync(cancellationToken);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Production requires it: links such as qr_code never follow the request's Host header.
        builder.UseSetting("PublicBaseUrl", "https://2fa.example.test");
    }
}
