using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Authy.Api.Http;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Signatures;
using Authy.Application.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// Authenticates Webhooks-API requests (<c>/dashboard/json/...</c>): <c>app_api_key</c> and <c>access_key</c> from the
/// parameters, and <c>X-Authy-Signature</c> over the nonce, the method, the URL the client called and every parameter
/// (see <see cref="AuthenticateDashboardRequest"/>). A refusal answers the use case's own Authy error, always 401.
/// </summary>
internal sealed class DashboardAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateDashboardRequest authenticate) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AuthyDashboard";
    public const string SignatureHeader = "X-Authy-Signature";
    public const string NonceHeader = "X-Authy-Signature-Nonce";

    private static readonly object ErrorKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The bag as received (query and body), before route values: the client signed what it sent, not our route.
        var parameters = Context.Features.Get<ParameterBag>() ?? ParameterBag.Empty;
        var request = new DashboardRequest(
            parameters.GetString("app_api_key"),
            parameters.GetString("access_key"),
            Request.Headers[NonceHeader].FirstOrDefault(),
            Request.Headers[SignatureHeader].FirstOrDefault(),
            Request.Method,
            SignedUrls(Context),
            // The bag renders as JSON with every scalar as a string: exactly the values the client encoded.
            JsonNode.Parse(parameters.Root.ToString())!.AsObject());
        var outcome = await authenticate.ExecuteAsync(request, Context.RequestAborted);
        if (!outcome.IsSuccess)
        {
            var error = AuthyErrors.From(outcome.Failure!);
            Context.Items[ErrorKey] = error;
            return AuthenticateResult.Fail(error.Message);
        }

        Context.Features.Set(outcome.Value);
        var identity = new ClaimsIdentity([new Claim("app_id", outcome.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthyWire.WriteErrorAsync(Context, Context.Items[ErrorKey] as AuthyError ?? AuthyErrors.InvalidApplicationApiKey);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => HandleChallengeAsync(properties);

    /// <summary>
    /// The URLs a client may have signed: the public one (<c>PublicBaseUrl</c> + path, what a client behind a reverse
    /// proxy sees) and the one this request arrived on (scheme, Host header, path). The server uses no forwarded
    /// headers; <c>PublicBaseUrl</c> is how it learns its public address, as for <c>qr_code</c> links. When the path
    /// came with repeated leading slashes (<see cref="LeadingSlashes"/>), each with the path as sent (what a client
    /// whose base URL ends in "/" signs) and as routed (what it meant).
    /// </summary>
    internal static IReadOnlyList<string> SignedUrls(HttpContext context)
    {
        var request = context.Request;
        PathString[] paths = context.Features.Get<OriginalPath>() is { } original ? [request.Path, original.Value] : [request.Path];
        var candidates = paths.SelectMany(path => new[]
        {
            PublicUrls.Of(context, path.ToUriComponent()),
            UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path),
        });
        return candidates
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? AuthySignature.UrlWithoutQuery(uri) : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

internal static class DashboardPolicies
{
    public const string Dashboard = "AuthyDashboard";
}
