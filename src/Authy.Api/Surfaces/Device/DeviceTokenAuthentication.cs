using System.Security.Claims;
using System.Text.Encodings.Web;
using Authy.Application.Devices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Authy.Api.Surfaces.Device;

/// <summary>
/// Authenticates a device by its short-lived ES256 token in <c>Authorization: Bearer …</c>. The event stream also
/// accepts <c>?access_token=</c>, because a browser's EventSource cannot send headers; tokens are one-use and expire
/// within minutes, so one in a URL is worth little afterwards.
/// </summary>
internal sealed class DeviceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateDevice authenticateDevice) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeviceToken";
    public const string EventsPath = "/device/v1/events";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.FirstOrDefault();
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : Request.Path.Equals(EventsPath, StringComparison.Ordinal) ? Request.Query["access_token"].FirstOrDefault() : null;
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var device = await authenticateDevice.ExecuteAsync(token, Context.RequestAborted);
        if (device is null)
        {
            return AuthenticateResult.Fail("Invalid device token");
        }

        Context.Features.Set(device);
        var identity = new ClaimsIdentity([new Claim("device_id", device.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await DeviceProblems.TokenInvalid.ExecuteAsync(Context);
    }
}
