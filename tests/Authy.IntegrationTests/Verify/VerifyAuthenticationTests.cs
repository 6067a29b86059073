using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Authy.Api.Surfaces.Verify;
using Authy.Application.Verify.Accounts;
using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Verify;

/// <summary>
/// The Verify surface's transport before its first resource: Basic authentication with an Account SID and token or an
/// API key and secret (401 20003 otherwise), and Twilio's error body for requests under /v2 that match no route.
/// </summary>
public abstract class VerifyAuthenticationTests(AuthyApiFactory factory) : IAsyncDisposable
{
    /// <summary>The request scopes the tests' contexts resolve the handler from, disposed after each test.</summary>
    private readonly List<AsyncServiceScope> _scopes = [];

    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : VerifyAuthenticationTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : VerifyAuthenticationTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    [Fact]
    public async Task UnknownPathUnderV2_IsTwilios404NamingThePathWithoutV2()
    {
        var response = await factory.CreateClient().GetApiAsync("/v2/Services/VA0123456789abcdef0123456789abcdef/Nope?PageSize=5");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(
            """{"code":20404,"message":"The requested resource /Services/VA0123456789abcdef0123456789abcdef/Nope was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""",
            response.Body);
    }

    [Fact]
    public async Task AccountSidAndToken_Authenticate_AsThatAccount()
    {
        var account = await CreateAccountAsync("Token");

        var (result, context) = await AuthenticateAsync(Basic(account.Sid, account.AuthToken));

        Assert.True(result.Succeeded);
        Assert.Equal(account.Sid, context.Features.Get<AuthenticatedAccount>()?.Sid);
    }

    [Fact]
    public async Task ApiKeyAndSecret_Authenticate_AsTheKeysAccount()
    {
        var account = await CreateAccountAsync("Keyed");
        await using var scope = factory.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<ManageAccounts>().CreateApiKeyAsync(account.Sid, "ci", TestContext.Current.CancellationToken);

        var (result, context) = await AuthenticateAsync(Basic(key!.Sid, key.Secret));

        Assert.True(result.Succeeded);
        Assert.Equal(account.Sid, context.Features.Get<AuthenticatedAccount>()?.Sid);
    }

    [Fact]
    public async Task WrongToken_OtherAccountsToken_OrMalformedHeader_AuthenticateNobody()
    {
        var account = await CreateAccountAsync("Mine");
        var other = await CreateAccountAsync("Theirs");

        foreach (var header in new[]
        {
            Basic(account.Sid, other.AuthToken),
            Basic(account.Sid, account.AuthToken + "x"),
            Basic("AC00000000000000000000000000000000", account.AuthToken),
            Basic("not-a-sid", account.AuthToken),
            "Basic !!!not-base64",
            "Bearer " + account.AuthToken,
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(account.Sid)),
        })
        {
            var (result, context) = await AuthenticateAsync(header);

            Assert.False(result.Succeeded, header);
            Assert.Null(context.Features.Get<AuthenticatedAccount>());
        }
    }

    [Theory]
    [InlineData(true, "Authentication Error - invalid username")]
    [InlineData(false, "Authentication Error - No credentials provided")]
    public async Task Challenge_Is401With20003_AndTheBasicRealm(bool sendsCredentials, string message)
    {
        var (_, context) = await AuthenticateAsync(sendsCredentials ? Basic("AC00000000000000000000000000000000", "wrong") : null);

        await context.ChallengeAsync(VerifyBasicAuthenticationHandler.SchemeName);

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Equal("Basic realm=\"Twilio API\"", context.Response.Headers.WWWAuthenticate.ToString());
        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(20003, body["code"]!.GetValue<int>());
        Assert.Equal(401, body["status"]!.GetValue<int>());
        Assert.Equal(message, body["message"]!.GetValue<string>());
        Assert.Null(body["type"]);
    }

    private async Task<AccountWithToken> CreateAccountAsync(string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ManageAccounts>().CreateAsync(name, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the scheme on a request with <paramref name="authorization"/>, as the authorization middleware would.</summary>
    private async Task<(AuthenticateResult Result, HttpContext Context)> AuthenticateAsync(string? authorization)
    {
        var scope = factory.Services.CreateAsyncScope();
        _scopes.Add(scope);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return (await context.AuthenticateAsync(VerifyBasicAuthenticationHandler.SchemeName), context);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string Basic(string username, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
}
