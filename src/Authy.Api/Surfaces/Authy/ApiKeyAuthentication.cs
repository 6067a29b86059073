using System.Security.Claims;
using System.Text.Encodings.Web;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Apps;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// Authenticates an application by its API key: the <c>X-Authy-API-Key</c> header, else <c>api_key</c> from the query,
/// form or JSON body (node-authy, authy.net and go send it as a parameter). A missing or unknown key is 401 60001.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateApp authenticateApp) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AuthyApiKey";
    public const string HeaderName = "X-Authy-API-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
        {
            key = Context.Features.Get<ParameterBag>()?.GetString("api_key");
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        var app = await authenticateApp.ExecuteAsync(key, Context.RequestAborted);
        if (app is null)
        {
            return AuthenticateResult.Fail("Invalid API key");
        }

        Context.Features.Set(app);
        var identity = new ClaimsIdentity([new Claim("app_id", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthyWire.WriteErrorAsync(Context, AuthyErrors.InvalidApiKey);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthyWire.WriteErrorAsync(Context, AuthyErrors.InvalidApiKey);
}
