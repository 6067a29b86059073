namespace Authy.Api.Http;

/// <summary>
/// How a wire surface (an API with its own error body: Authy's, Verify's) answers what happens outside its handlers: a
/// request that matched no route or used the wrong method, a body the framework refused, an exception. A route group
/// names its surface as endpoint metadata; a request that matched no route is claimed by path prefix. Requests of no
/// surface (health, the device API, documents) get RFC 9457 problem details.
/// </summary>
internal interface IWireSurface
{
    /// <summary>Whether a request that matched no route belongs to this surface, by its path.</summary>
    bool Claims(PathString path);

    /// <summary>
    /// Writes this surface's answer for <paramref name="status"/>: one the pipeline set (404, 405, 415…) or, with
    /// <paramref name="afterException"/>, one chosen for an exception that escaped a handler.
    /// </summary>
    Task WriteStatusAsync(HttpContext context, int status, bool afterException);
}

internal static class WireSurfaces
{
    /// <summary>The surface of <paramref name="endpoint"/>, else the one claiming the request's path, else none.</summary>
    public static IWireSurface? Find(HttpContext context, Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IWireSurface>()
        ?? context.RequestServices.GetServices<IWireSurface>().FirstOrDefault(surface => surface.Claims(context.Request.Path));
}
