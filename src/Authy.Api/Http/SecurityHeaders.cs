namespace Authy.Api.Http;

/// <summary>Response headers for the pages the server serves itself (the reference authenticator under <c>/authenticator/</c>).</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The authenticator loads only its own module script and stylesheet and calls only this server, so everything else
    /// is refused: no inline script, no framing (the page holds the device's key and approves sign-ins, so it must not be
    /// clickjacked), no form posting elsewhere. Images: its own, the <c>data:</c> favicon, and the https logos that
    /// OneTouch requests name.
    /// </summary>
    public const string AuthenticatorPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void ForStaticPage(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = AuthenticatorPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        // For browsers that predate frame-ancestors.
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
