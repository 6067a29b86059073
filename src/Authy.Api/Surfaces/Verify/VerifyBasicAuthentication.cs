using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Authy.Application.Verify.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// HTTP Basic, the Verify API's only scheme (spec §1.2): an Account SID and its auth token, or an API key SID and its
/// secret. A wrong credential and a missing one both get 401 20003 (with Twilio's two messages), and the request never
/// reaches a handler; the account it authenticates is the only one whose resources the request can see.
/// </summary>
internal sealed class VerifyBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateAccount authenticateAccount) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "VerifyBasic";

    /// <summary>Longer than any SID and secret pair; a longer header is refused without decoding it.</summary>
    private const int MaxHeaderLength = 512;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadCredentials(Request.Headers.Authorization.ToString()) is not var (username, password))
        {
            return AuthenticateResult.NoResult();
        }

        var account = await authenticateAccount.ExecuteAsync(username, password, Context.RequestAborted);
        if (account is null)
        {
            return AuthenticateResult.Fail("Invalid credentials");
        }

        Context.Features.Set(account);
        var identity = new ClaimsIdentity([new Claim("account_sid", account.Sid)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        VerifyWire.WriteErrorAsync(Context, Request.Headers.Authorization.Count == 0 ? VerifyErrors.NoCredentials : VerifyErrors.AuthenticationFailed);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        VerifyWire.WriteErrorAsync(Context, VerifyErrors.AuthenticationFailed);

    /// <summary>The username and password of a <c>Basic</c> header; null when there is none or it is malformed.</summary>
    internal static (string Username, string Password)? ReadCredentials(string header)
    {
        const string Prefix = "Basic ";
        if (header.Length is <= 6 or > MaxHeaderLength || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[MaxHeaderLength];
        if (!Convert.TryFromBase64String(header[Prefix.Length..].Trim(), decoded, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
    }
}

internal static class VerifyPolicies
{
    public const string Basic = "VerifyBasic";
}
