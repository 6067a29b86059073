using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Authy.Application.Apps;
using Authy.Infrastructure.Persistence;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The Webhooks API (spec §3.18): create, list and delete with signatures computed independently of the server, and
/// every refusal with its exact body — keys, signature, nonce, validation, unknown ids. On both providers.
/// </summary>
public abstract class WebhooksApiTests(AuthyApiFactory factory)
{
    private const string HookUrl = "https://example.com/hooks/authy";

    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : WebhooksApiTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : WebhooksApiTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private async Task<(AppWithKey App, DashboardClient Client)> AppAsync(string name = "Webhooks")
    {
        var app = await factory.CreateAppAsync(name);
        return (app, DashboardClient.For(factory, app));
    }

    [Fact]
    public async Task PostWebhooks_ValidSignature_CreatesWebhookWithSigningKey()
    {
        var (app, client) = await AppAsync();

        var response = await client.CreateAsync("Audit", HookUrl, "user_added", "token_verified");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var webhook = response.Json["webhook"]!;
        Assert.Matches("^WH_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", webhook["id"]!.GetValue<string>());
        Assert.Equal("Audit", webhook["name"]!.GetValue<string>());
        Assert.Equal(HookUrl, webhook["url"]!.GetValue<string>());
        Assert.Equal(["user_added", "token_verified"], webhook["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Matches("^AC[0-9a-f]{32}$", webhook["account_sid"]!.GetValue<string>());
        Assert.Matches("^IS[0-9a-f]{32}$", webhook["service_id"]!.GetValue<string>());
        Assert.Matches("^[A-Za-z0-9]{32}$", webhook["signing_key"]!.GetValue<string>());
        Assert.NotEqual(app.Dashboard!.ApiSigningKey, webhook["signing_key"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), DateTimeOffset.Parse(webhook["creation_date"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        AssertGolden("webhooks_created", response);
    }

    [Fact]
    public async Task PostWebhooks_SignedLikeAuthyClient_IsAccepted()
    {
        var (app, client) = await AppAsync();
        var nonce = client.NewNonce();
        var parameters = new JsonObject
        {
            ["url"] = HookUrl,
            ["name"] = "Signed by qs",
            ["events"] = new JsonArray("user_removed", "one_touch_request_responded"),
            ["app_api_key"] = app.ApiKey,
            ["access_key"] = app.Dashboard!.AccessKey,
        };
        var signature = await AuthyClientSignature.ComputeAsync(app.Dashboard.ApiSigningKey, nonce, "POST", DashboardClient.BaseUrl + DashboardClient.Path, parameters);

        var response = await client.SendAsync(new(
            HttpMethod.Post,
            DashboardClient.Path,
            [("url", HookUrl), ("name", "Signed by qs"), ("events[]", "user_removed"), ("events[]", "one_touch_request_responded")])
        { Nonce = nonce, Signature = signature });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["user_removed", "one_touch_request_responded"], response.Json["webhook"]!["events"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task GetWebhooks_ListsOnlyThisApplicationsWebhooks()
    {
        var (_, client) = await AppAsync("Lister");
        var (_, other) = await AppAsync("Other");
        var first = (await client.CreateAsync("First", HookUrl, "user_added")).Json["webhook"]!;
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await client.CreateAsync("Second", HookUrl + "/2", "user_removed", "token_invalid")).Json["webhook"]!;
        await other.CreateAsync("Not mine", HookUrl, "user_added");

        var response = await client.ListAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var listed = response.Json["webhooks"]!.AsArray();
        Assert.Equal([first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>()], listed.Select(w => w!["id"]!.GetValue<string>()));
        Assert.Equal(second["signing_key"]!.GetValue<string>(), listed[1]!["signing_key"]!.GetValue<string>());
        AssertGolden("webhooks_list", response);
    }

    [Fact]
    public async Task DeleteWebhook_RemovesItOnce()
    {
        var (_, client) = await AppAsync();
        var id = (await client.CreateAsync("Short-lived", HookUrl, "user_added")).Json["webhook"]!["id"]!.GetValue<string>();

        var deleted = await client.DeleteAsync(id);
        var again = await client.DeleteAsync(id);
        var list = await client.ListAsync();

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Golden.AssertMatches("webhooks_deleted", deleted.Body);
        again.AssertAuthyError(HttpStatusCode.NotFound, "60100");
        Golden.AssertMatches("error_webhook_not_found", again.Body);
        Assert.Empty(list.Json["webhooks"]!.AsArray());
    }

    [Theory]
    [InlineData("WH_00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-webhook")]
    [InlineData("WH_")]
    public async Task DeleteWebhook_UnknownOrMalformedId_Returns404With60100(string id)
    {
        var (_, client) = await AppAsync();

        var response = await client.DeleteAsync(id);

        response.AssertAuthyError(HttpStatusCode.NotFound, "60100");
    }

    [Fact]
    public async Task DeleteWebhook_AnotherApplicationsWebhook_Returns404AndKeepsIt()
    {
        var (_, owner) = await AppAsync("Owner");
        var (_, intruder) = await AppAsync("Intruder");
        var id = (await owner.CreateAsync("Mine", HookUrl, "user_added")).Json["webhook"]!["id"]!.GetValue<string>();

        var response = await intruder.DeleteAsync(id);

        response.AssertAuthyError(HttpStatusCode.NotFound, "60100");
        Assert.Single((await owner.ListAsync()).Json["webhooks"]!.AsArray());
    }

    [Fact]
    public async Task DeleteWebhook_KeysInQueryString_IsAccepted()
    {
        var (_, client) = await AppAsync();
        var id = (await client.CreateAsync("Query", HookUrl, "user_added")).Json["webhook"]!["id"]!.GetValue<string>();

        var response = await client.SendAsync(new(HttpMethod.Delete, DashboardClient.Path + "/" + id, []) { KeysInQuery = true });

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task AnyRoute_WrongSigningKey_Returns401With60087()
    {
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { SigningKey = "not-the-signing-key" });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Golden.AssertMatches("error_webhooks_invalid_signature", response.Body);
    }

    [Fact]
    public async Task PostWebhooks_ParameterChangedAfterSigning_Returns401With60087AndCreatesNothing()
    {
        var (app, client) = await AppAsync();
        var signed = new List<(string, string)>
        {
            ("url", HookUrl), ("name", "Original"), ("events[]", "user_added"), ("app_api_key", app.ApiKey), ("access_key", app.Dashboard!.AccessKey),
        };

        var response = await client.SendAsync(new(HttpMethod.Post, DashboardClient.Path, [("url", HookUrl), ("name", "Changed"), ("events[]", "user_added")])
        {
            SignedParameters = signed,
        });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Assert.Empty((await client.ListAsync()).Json["webhooks"]!.AsArray());
    }

    [Fact]
    public async Task AnyRoute_SignatureOverAnotherUrl_Returns401With60087()
    {
        var (app, client) = await AppAsync();
        var nonce = client.NewNonce();
        var signature = DashboardClient.Sign(
            app.Dashboard!.ApiSigningKey, nonce, "GET", "https://api.authy.com" + DashboardClient.Path, [("app_api_key", app.ApiKey), ("access_key", app.Dashboard.AccessKey)]);

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { Nonce = nonce, Signature = signature });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
    }

    [Theory]
    [InlineData(DashboardClient.BaseUrl + "/" + DashboardClient.Path)]
    [InlineData(DashboardClient.BaseUrl + DashboardClient.Path)]
    public async Task GetWebhooks_DoubleLeadingSlash_AcceptsTheUrlSignedAsSentOrCollapsed(string signedUrl)
    {
        // A client whose base URL ends in "/" calls "//dashboard/…"; it may sign that URL or the one it meant.
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Get, "/" + DashboardClient.Path, []) { SignedUrl = signedUrl });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotNull(response.Json["webhooks"]);
    }

    [Fact]
    public async Task AnyRoute_MissingSignature_Returns401With60087()
    {
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { SendSignature = false });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
    }

    [Fact]
    public async Task AnyRoute_MissingNonce_Returns401WithExactBody()
    {
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { SendNonce = false });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Golden.AssertMatches("error_webhooks_nonce_missing", response.Body);
    }

    [Fact]
    public async Task AnyRoute_ReusedNonce_Returns401WithExactBody()
    {
        var (_, client) = await AppAsync();
        var nonce = client.NewNonce();
        var call = new DashboardCall(HttpMethod.Post, DashboardClient.Path, [("url", HookUrl), ("name", "Once"), ("events[]", "user_added")]) { Nonce = nonce };

        var first = await client.SendAsync(call);
        var replay = await client.SendAsync(call);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        replay.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Golden.AssertMatches("error_webhooks_nonce_reused", replay.Body);
        Assert.Single((await client.ListAsync()).Json["webhooks"]!.AsArray());
    }

    [Fact]
    public async Task AnyRoute_SameNonceInAnotherApplication_IsAccepted()
    {
        var (_, one) = await AppAsync("One");
        var (_, two) = await AppAsync("Two");
        var nonce = one.NewNonce();

        var first = await one.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { Nonce = nonce });
        var second = await two.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { Nonce = nonce });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
    }

    [Fact]
    public async Task AnyRoute_RandomNonce_IsRefusedUntilTheRetentionEnds()
    {
        var (_, client) = await AppAsync();
        var call = new DashboardCall(HttpMethod.Get, DashboardClient.Path, []) { Nonce = Guid.NewGuid().ToString() };

        var first = await client.SendAsync(call);
        factory.Clock.Advance(TimeSpan.FromHours(23));
        var withinRetention = await client.SendAsync(call);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var afterRetention = await client.SendAsync(call);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        withinRetention.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Assert.Equal(HttpStatusCode.OK, afterRetention.Status);
    }

    [Theory]
    [InlineData(-3600)]
    [InlineData(3600)]
    public async Task AnyRoute_TimestampNonceFarFromTheClock_Returns401With60087(int offsetSeconds)
    {
        var (_, client) = await AppAsync();
        var nonce = (factory.Clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture) + ".5";

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { Nonce = nonce });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Assert.Contains("too far from the server's time", response.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRoute_WrongAccessKey_Returns401With60072()
    {
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { AccessKey = "wrong-access-key" });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60072");
        Golden.AssertMatches("error_webhooks_invalid_access_key", response.Body);
    }

    [Fact]
    public async Task AnyRoute_MissingAccessKey_Returns401With60071()
    {
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Get, DashboardClient.Path, []) { AccessKey = string.Empty });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60071");
    }

    [Theory]
    [InlineData("wrong-app-api-key")]
    [InlineData("")]
    public async Task AnyRoute_WrongOrMissingAppApiKey_Returns401With60073(string appApiKey)
    {
        var (_, client) = await AppAsync();

        var response = await client.SendAsync(new(HttpMethod.Post, DashboardClient.Path, [("url", HookUrl), ("name", "x"), ("events[]", "user_added")]) { AppApiKey = appApiKey });

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60073");
        Golden.AssertMatches("error_webhooks_invalid_app_api_key", response.Body);
    }

    [Fact]
    public async Task AnyRoute_ApiKeyHeaderInsteadOfTheScheme_Returns401()
    {
        var (app, _) = await AppAsync();

        var response = await factory.CreateApiClient(app.ApiKey).GetApiAsync(DashboardClient.Path);

        response.AssertAuthyError(HttpStatusCode.Unauthorized, "60073");
    }

    [Fact]
    public async Task AnyRoute_ApplicationFromBeforeWebhooks_Returns401With60069UntilKeysAreIssued()
    {
        var (app, client) = await AppAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().Apps.Where(a => a.Id == app.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(a => a.AccessKeyHash, (byte[]?)null).SetProperty(a => a.EncryptedApiSigningKey, (byte[]?)null),
                    TestContext.Current.CancellationToken);
        }

        var refused = await client.ListAsync();
        var (accessKey, signingKey) = await RotateDashboardKeysAsync(app.Id);
        var accepted = await (client with { AccessKey = accessKey, SigningKey = signingKey }).ListAsync();

        refused.AssertAuthyError(HttpStatusCode.Unauthorized, "60069");
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Fact]
    public async Task AnyRoute_AfterKeyRotation_OldKeysAreRefused()
    {
        var (app, client) = await AppAsync();

        var (accessKey, signingKey) = await RotateDashboardKeysAsync(app.Id);
        var oldAccess = await (client with { SigningKey = signingKey }).ListAsync();
        var oldSigning = await (client with { AccessKey = accessKey }).ListAsync();
        var both = await (client with { AccessKey = accessKey, SigningKey = signingKey }).ListAsync();

        oldAccess.AssertAuthyError(HttpStatusCode.Unauthorized, "60072");
        oldSigning.AssertAuthyError(HttpStatusCode.Unauthorized, "60087");
        Assert.Equal(HttpStatusCode.OK, both.Status);
    }

    [Fact]
    public async Task PostWebhooks_InvalidFields_Returns400With60098AndFieldErrors()
    {
        var (_, client) = await AppAsync();

        var response = await client.CreateAsync(" ", "ftp://example.com/hook", "user_added", "no_such_event", "User_Added");

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60098");
        Golden.AssertMatches("error_webhook_not_valid", response.Body);
        Assert.Equal("is invalid", response.Json["errors"]!["url"]!.GetValue<string>());
        Assert.Equal("can't be blank", response.Json["errors"]!["name"]!.GetValue<string>());
        Assert.Equal("has unknown events: no_such_event, User_Added", response.Json["errors"]!["events"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com/hook")]
    [InlineData("https://user:secret@example.com/hook")]
    [InlineData("javascript:alert(1)")]
    public async Task PostWebhooks_BadUrl_Returns400With60098(string url)
    {
        var (_, client) = await AppAsync();

        var response = await client.CreateAsync("Hook", url, "user_added");

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60098");
        Assert.NotNull(response.Json["errors"]!["url"]);
    }

    [Fact]
    public async Task PostWebhooks_NoEvents_Returns400With60098()
    {
        var (_, client) = await AppAsync();

        var response = await client.CreateAsync("Hook", HookUrl);

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60098");
        Assert.Equal("can't be blank", response.Json["errors"]!["events"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostWebhooks_EveryPublishedEventName_IsAccepted()
    {
        var (_, client) = await AppAsync();

        var response = await client.CreateAsync("Everything", HookUrl, [.. Application.Webhooks.WebhookEventNames.All]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(23, response.Json["webhook"]!["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task WrongMethod_Returns405AuthyBody()
    {
        var response = await factory.CreateClient().SendApiAsync(new HttpRequestMessage(HttpMethod.Put, DashboardClient.Path));

        response.AssertAuthyError(HttpStatusCode.MethodNotAllowed, "60000");
    }

    private async Task<(string AccessKey, string SigningKey)> RotateDashboardKeysAsync(int appId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<Application.Webhooks.DashboardKeys>();
        return ((await keys.RotateAccessKeyAsync(appId, CancellationToken.None))!, (await keys.RotateSigningKeyAsync(appId, CancellationToken.None))!);
    }

    /// <summary>Golden comparison with the per-run values of a webhook (its key and the app's sids) blanked.</summary>
    private static void AssertGolden(string name, ApiResponse response)
    {
        var json = response.Json;
        foreach (var webhook in json["webhook"] is { } one ? new[] { one } : json["webhooks"]!.AsArray().ToArray())
        {
            foreach (var key in new[] { "signing_key", "account_sid", "service_id" })
            {
                webhook![key] = "*";
            }
        }

        Golden.AssertMatches(name, json.ToJsonString());
    }
}
