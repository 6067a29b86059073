using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>Malformed requests get Authy error bodies with the right status — never a 500 — and the XML format works.</summary>
public abstract class WireTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : WireTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : WireTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

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

    [Fact]
    public async Task GetUserStatusXml_StoredEmailWithControlCharacter_IsWellFormedXml()
    {
        // Stored before users/new refused such addresses: the writer, not only the input check, must cope.
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAuthyDb>().AppUsers
                .Where(m => m.AppId == app.Id && m.UserId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Email, "\"a\u000bb\uffff\"@example.com"), TestContext.Current.CancellationToken);
        }

        var xml = await client.GetApiAsync($"/protected/xml/users/{id}/status");
        var json = await client.GetApiAsync($"/protected/json/users/{id}/status");

        Assert.Equal(HttpStatusCode.OK, xml.Status);
        var email = System.Xml.Linq.XDocument.Parse(xml.Body).Root!.Element("status")!.Element("email")!.Value;
        Assert.Equal("\"a\ufffdb\ufffd\"@example.com", email);
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal("\"a\u000bb\uffff\"@example.com", json.Json["status"]!["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/onetouch/xml/approval_requests/%01x")]
    [InlineData("/onetouch/xml/approval_requests/%EF%BF%BF")]
    public async Task GetApprovalRequestXml_ControlCharacterInUuid_Returns404Xml(string path)
    {
        var app = await factory.CreateAppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).GetApiAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        var error = System.Xml.Linq.XDocument.Parse(response.Body);
        Assert.Equal("60049", error.Root!.Element("error-code")!.Value);
    }

    [Theory]
    [InlineData("\"a\u000bb\"@example.com")]
    [InlineData("\"a\u0000b\"@example.com")]
    [InlineData("\"a\u007fb\"@example.com")]
    [InlineData("\"a\u0085b\"@example.com")]
    public async Task PostUsersNewAndUpdate_EmailWithControlCharacter_AreRefused(string email)
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        var body = new JsonObject { ["user"] = new JsonObject { ["email"] = email, ["cellphone"] = TestPhone.Next().National, ["country_code"] = "1" } };

        var created = await client.PostJsonAsync("/protected/json/users/new", body.ToJsonString());
        var updated = await client.PostJsonAsync($"/protected/json/users/{id}/update", new JsonObject { ["email"] = email }.ToJsonString());

        created.AssertAuthyError(HttpStatusCode.BadRequest, "60027");
        Assert.Equal("is invalid", created.Json["errors"]!["email"]!.GetValue<string>());
        updated.AssertAuthyError(HttpStatusCode.BadRequest, "60004");
    }

    [Fact]
    public async Task PostUsersNew_QuotedEmailWithSpace_IsStillAccepted()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync()).ApiKey);

        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next(), "\"a b\"@example.com");

        Assert.True(id > 0);
    }

    [Fact]
    public async Task RequestLog_PathWithLineBreak_IsOneLine()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync()).ApiKey);

        await client.GetApiAsync("/protected/json/users/1%0d%0a%5B00:00:00%20INF%5D%20forged%0bline/status");

        var logged = factory.Logs.Lines.Where(line => line.Contains("forged", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, line => Assert.DoesNotMatch(@"[\u0000-\u001f\u007f-\u009f]", line));
    }

    /// <summary>
    /// Requests that fail before, around or instead of a handler under both Authy prefixes: none may fall through to the
    /// framework's ProblemDetails (authy-java and go decode every error as an Authy body).
    /// </summary>
    public static TheoryData<string, string, string?, string?> FrameworkFailures()
    {
        var data = new TheoryData<string, string, string?, string?>();
        foreach (var prefix in new[] { "/protected", "/onetouch" })
        {
            // method, path, content type, body
            data.Add("GET", prefix, null, null);
            data.Add("GET", prefix + "/", null, null);
            data.Add("GET", prefix + "/json", null, null);
            data.Add("GET", prefix + "/yaml/users/1/status", null, null);
            data.Add("GET", prefix + "/json/no/such/route", null, null);
            data.Add("GET", "/" + prefix + "/json/no/such/route", null, null);
            data.Add("GET", "//" + prefix + "/json/no/such/route", null, null);
            data.Add("GET", prefix + "%2Fjson/users/1/status", null, null);
            data.Add("GET", prefix + "/json/users/abc/status", null, null);
            data.Add("GET", prefix + "/json/approval_requests/%FF", null, null);
            data.Add("GET", prefix + "/json/approval_requests/%ED%A0%80", null, null);
            data.Add("PUT", prefix + "/json/users/new", null, null);
            data.Add("DELETE", prefix + "/json/users/1/remove", null, null);
            data.Add("PATCH", prefix + "/json/approval_requests/x", null, null);
            data.Add("OPTIONS", prefix + "/json/users/new", null, null);
            data.Add("TRACE", prefix + "/json/users/1/status", null, null);
            data.Add("POST", prefix + "/json/users/new", "application/json", "{\"user\":");
            data.Add("POST", prefix + "/json/users/new", "application/json; charset=utf-16", "{}");
            data.Add("POST", prefix + "/json/users/new", "text/plain", "a=b");
            data.Add("POST", prefix + "/json/users/new", "multipart/form-data", "x");
            data.Add("POST", prefix + "/json/users/new", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n");
            data.Add("POST", prefix + "/json/users/new", "application/x-www-form-urlencoded; charset=bogus", "a=b");
            data.Add("POST", prefix + "/json/users/new", "application/x-www-form-urlencoded", "a=%zz&b&=&%FF=%FF");
            data.Add("POST", prefix + "/json/users/new", "application/x-www-form-urlencoded", "a" + string.Concat(Enumerable.Repeat("[b]", 2000)) + "=1");
            data.Add("POST", prefix + "/json/users/new", "application/x-www-form-urlencoded", "user%5Bemail%5D=" + new string('a', 70_000));
            data.Add("POST", prefix + "/json/users/new", "application/json", string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000));
            data.Add("GET", prefix + "/json/users/1/status?x=%FF&y=%zz", null, null);
            data.Add("GET", prefix + "/xml/users/%01/status", null, null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FrameworkFailures))]
    public async Task AuthyPrefixes_FrameworkFailures_AnswerAuthyBodiesNeverProblemDetails(string method, string path, string? contentType, string? body)
    {
        var app = await factory.CreateAppAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("http://localhost" + path));
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        var response = await factory.CreateApiClient(app.ApiKey).SendApiAsync(request);

        Assert.DoesNotContain("problem", response.ContentType ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        if (path.Contains("/xml/", StringComparison.Ordinal))
        {
            Assert.StartsWith("application/xml", response.ContentType);
            Assert.NotNull(System.Xml.Linq.XDocument.Parse(response.Body).Root!.Element("error-code"));
            return;
        }

        Assert.StartsWith("application/json", response.ContentType);
        Assert.InRange((int)response.Status, 400, 499);
        Assert.Matches("^600[0-9][0-9]$", response.ErrorCode);
        Assert.False(response.Json["success"]!.GetValue<bool>());
        Assert.IsType<JsonObject>(response.Json["errors"]);
    }

    [Fact]
    public async Task DoubleLeadingSlash_ProtectedAndOneTouchRoutes_AreRoutedAsWithOne()
    {
        // authy-java 1.1.x keeps the trailing slash of its base URL: https://host//protected/json/...
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();

        var created = await client.SendApiAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("http://localhost//protected/json/users/new"))
        {
            Content = new StringContent(
                $"{{\"user\":{{\"email\":\"java@example.com\",\"cellphone\":\"{phone.National}\",\"country_code\":\"1\"}}}}",
                Encoding.UTF8,
                "application/json"),
        });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Json["user"]!["id"]!.GetValue<long>();
        var status = await client.GetApiAsync(new Uri($"http://localhost///protected/json/users/{id}/status").ToString());
        var approval = await client.GetApiAsync(new Uri($"http://localhost//onetouch/json/approval_requests/{Guid.NewGuid()}").ToString());

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal("User status.", status.Json["message"]!.GetValue<string>());
        // 60049 (not 60000 "Resource not found") shows the route matched.
        approval.AssertAuthyError(HttpStatusCode.NotFound, "60049");
    }
}

/// <summary>Health probes and the Development-only messages page.</summary>
public sealed class OperationsTests(AuthyApiFactory<Postgres> factory) : IClassFixture<AuthyApiFactory<Postgres>>
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

    [Fact]
    public async Task OpenApi_EveryAuthyRouteListsExactlyTheParametersItDeclares()
    {
        var document = await factory.CreateClient().GetApiAsync("/openapi/v1.json");
        var operations = document.Json["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => op.Value!))
            .Where(op => op["operationId"] is not null)
            .ToDictionary(op => op["operationId"]!.GetValue<string>());
        var authyRoutes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<Authy.Api.Http.IWireSurface>() is Authy.Api.Surfaces.Authy.AuthySurface)
            .ToList();

        Assert.True(authyRoutes.Count >= 20, $"Only {authyRoutes.Count} Authy routes were found.");
        Assert.All(authyRoutes, route =>
        {
            var name = route.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            var declared = route.Metadata.GetMetadata<Authy.Api.Surfaces.Authy.Parameters.AuthyParameters>();
            Assert.True(declared is not null, $"{route.DisplayName} declares no parameters.");
            Assert.True(name is not null && operations.ContainsKey(name), $"{route.DisplayName} is not in the document.");
            var listed = operations[name!]["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).Where(p => p != "format").Order().ToList() ?? [];
            Assert.Equal(declared.Declared.SelectMany(p => p.Docs).Select(d => d.Name).Order().ToList(), listed);
        });
    }

    [Fact]
    public async Task OpenApi_EachSurfaceHasItsOwnDocumentAndScheme()
    {
        var authy = await factory.CreateClient().GetApiAsync("/openapi/v1.json");
        var device = await factory.CreateClient().GetApiAsync("/openapi/device.json");
        // Swagger UI's configuration (the documents it lists) is served as index.js.
        var swagger = await factory.CreateClient().GetApiAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.OK, device.Status);
        var authyPaths = authy.Json["paths"]!.AsObject().Select(p => p.Key).ToList();
        var devicePaths = device.Json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.DoesNotContain(authyPaths, p => p.StartsWith("/device/", StringComparison.Ordinal));
        Assert.All(devicePaths, p => Assert.StartsWith("/device/v1/", p, StringComparison.Ordinal));
        Assert.Contains("/device/v1/tokens", devicePaths);
        Assert.Equal("bearer", device.Json["components"]!["securitySchemes"]!["DeviceToken"]!["scheme"]!.GetValue<string>());
        Assert.Null(device.Json["components"]!["securitySchemes"]!["AuthyApiKey"]);
        // Registration is open; the rest needs the device token.
        Assert.Null(device.Json["paths"]!["/device/v1/registrations"]!["post"]!["security"]);
        Assert.NotNull(device.Json["paths"]!["/device/v1/tokens"]!["get"]!["security"]);
        Assert.Contains("/openapi/v1.json", swagger.Body, StringComparison.Ordinal);
        Assert.Contains("/openapi/device.json", swagger.Body, StringComparison.Ordinal);
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

public sealed class ProductionApiFactory() : AuthyApiFactory(new Postgres())
{
    protected override string Environment => "Production";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Production requires it: links such as qr_code never follow the request's Host header.
        builder.UseSetting("PublicBaseUrl", "https://2fa.example.test");
    }
}
