using Authy.Api.Http;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// The Authy API as a wire surface: its route groups carry this as metadata (the parameter bag is read and errors are
/// written the Authy way for them), and it claims the requests under its prefixes that matched no route.
/// </summary>
internal sealed class AuthySurface : IWireSurface
{
    public static AuthySurface Instance { get; } = new();

    private AuthySurface()
    {
    }

    public bool Claims(PathString path) => AuthyPaths.IsAuthy(path);

    public Task WriteStatusAsync(HttpContext context, int status, bool afterException) =>
        AuthyWire.WriteErrorAsync(context, afterException
            ? status switch
            {
                413 => AuthyErrors.BodyTooLarge,
                400 => AuthyErrors.InvalidJson with { Message = "Invalid request" },
                503 => AuthyErrors.ServiceUnavailable,
                _ => AuthyErrors.InternalError,
            }
            : status switch
            {
                404 => AuthyErrors.RouteNotFound,
                405 => AuthyErrors.MethodNotAllowed,
                415 => AuthyErrors.UnsupportedMediaType,
                413 => AuthyErrors.BodyTooLarge,
                401 => AuthyErrors.InvalidApiKey,
                429 => AuthyErrors.DosProtection,
                503 => AuthyErrors.ServiceUnavailable,
                >= 500 => AuthyErrors.InternalError,
                _ => new AuthyError("60000", status, "An error occurred"),
            });
}

internal static class AuthyPaths
{
    private static readonly string[] Prefixes = ["/protected", "/onetouch", "/dashboard"];

    /// <summary>
    /// The Authy API's paths: the table used only for requests no route matched yet (the leading-slash rewrite before
    /// routing, the answer to an unknown route). A prefix followed by an encoded slash (<c>/protected%2Fjson/…</c>,
    /// which Kestrel leaves encoded) matches no route, but it is still a client of the Authy API asking, so its 404 is
    /// an Authy one.
    /// </summary>
    public static bool IsAuthy(PathString path) =>
        Array.Exists(Prefixes, prefix => path.StartsWithSegments(prefix)
            || path.Value?.StartsWith(prefix + "%2F", StringComparison.OrdinalIgnoreCase) == true);
}
