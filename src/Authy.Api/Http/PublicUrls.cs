using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Authy.Api.Http;

/// <summary>
/// Where absolute links the server hands out point (root keys <c>PublicBaseUrl</c> and <c>AllowedHosts</c>).
/// </summary>
/// <remarks>
/// The request's Host header is the client's to choose: a link built from it (a <c>qr_code</c> URL that carries a
/// secret) would follow a forged header to someone else's server. So in Production a link comes from
/// <see cref="PublicBaseUrl"/>, and the start fails without it unless <see cref="AllowedHosts"/> names this server's
/// hosts (host filtering then refuses any other Host header before a link is built).
/// </remarks>
internal sealed class PublicUrlOptions : IValidatableObject
{
    /// <summary>The base of absolute links, e.g. <c>https://2fa.example.com</c>. Default empty: the request's own scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>ASP.NET Core host filtering's list (semicolon-separated). Default <c>*</c>: every host.</summary>
    public string? AllowedHosts { get; set; }

    /// <summary>The configured base without a trailing slash, or null when the request's host is used.</summary>
    public string? Base => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/');

    /// <summary>True when host filtering lets only named hosts through (no <c>*</c> entry).</summary>
    public bool HostsRestricted =>
        !string.IsNullOrWhiteSpace(AllowedHosts)
        && AllowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(host => host != "*");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Base is { } value
            && (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.Query)
                || !string.IsNullOrEmpty(uri.Fragment)
                || !string.IsNullOrEmpty(uri.UserInfo)))
        {
            yield return new ValidationResult(
                "PublicBaseUrl must be an absolute http(s) URL without a query, fragment or user name, e.g. https://2fa.example.com.",
                [nameof(PublicBaseUrl)]);
        }
    }

    // Both keys sit at the root of the configuration, so the root is what binds.
    public static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<PublicUrlOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>(
                (options, environment) => !environment.IsProduction() || options.Base is not null || options.HostsRestricted,
                "PublicBaseUrl is required in Production: links such as qr_code must not follow the request's Host header, " +
                "which the client chooses. Set PublicBaseUrl to the address clients reach this server at " +
                "(e.g. https://2fa.example.com), or set AllowedHosts to this server's host names.")
            .ValidateOnStart();
}

/// <summary>Absolute URLs for links the server hands out (see <see cref="PublicUrlOptions"/>).</summary>
internal static class PublicUrls
{
    public static string Of(HttpContext context, string path)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value.Base;
        // Outside Production without PublicBaseUrl, or in Production behind host filtering, the Host header is trusted.
        var baseUrl = configured ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        return baseUrl + path;
    }
}
