using Authy.Api.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// Twilio Verify v2 as a wire surface: its route group carries this as metadata, and it claims the requests under
/// <c>/v2</c> that matched no route, so that a client of Verify always reads Twilio's error body.
/// </summary>
internal sealed class VerifySurface : IWireSurface
{
    private static readonly PathString Prefix = new("/v2");

    public static VerifySurface Instance { get; } = new();

    private VerifySurface()
    {
    }

    public bool Claims(PathString path) => path.StartsWithSegments(Prefix);

    /// <summary>What Twilio's 404 names: the request path without <c>/v2</c> (the query is not part of a path).</summary>
    public static string ResourcePath(PathString path) =>
        path.StartsWithSegments(Prefix, out var rest) ? (rest.HasValue ? rest.Value! : "/") : path.Value ?? "/";

    public Task WriteStatusAsync(HttpContext context, int status, bool afterException) =>
        VerifyWire.WriteErrorAsync(context, afterException
            ? status switch
            {
                400 => VerifyErrors.InvalidRequest,
                413 => VerifyErrors.BodyTooLarge,
                503 => VerifyErrors.ServiceUnavailable,
                _ => VerifyErrors.InternalError,
            }
            : status switch
            {
                404 => VerifyErrors.NotFound(ResourcePath(context.Request.Path)),
                405 => VerifyErrors.MethodNotAllowed,
                415 => VerifyErrors.UnsupportedMediaType,
                413 => VerifyErrors.BodyTooLarge,
                // Twilio tells "no credentials" from "wrong credentials" apart in the message.
                401 => context.Request.Headers.ContainsKey(HeaderNames.Authorization) ? VerifyErrors.AuthenticationFailed : VerifyErrors.NoCredentials,
                429 => VerifyErrors.TooManyRequests(null),
                503 => VerifyErrors.ServiceUnavailable,
                >= 500 => VerifyErrors.InternalError,
                400 => VerifyErrors.InvalidRequest,
                // Twilio's 20<status> family (20403, 20409…) for any other status the pipeline may set.
                _ => new VerifyError(20000 + status, status, ReasonPhrases.GetReasonPhrase(status)),
            });
}
