using Microsoft.AspNetCore.Http.Features;

namespace Authy.Api.Http;

/// <summary>
/// Endpoint metadata: the request body is read into memory before binding, up to <paramref name="MaxBytes"/>; a longer
/// one gets <paramref name="TooLarge"/>'s answer (the surface's own 413) instead of reaching the handler.
/// </summary>
/// <remarks>
/// For routes that bind their body themselves (the device API's JSON) rather than through the parameter bag, which has
/// the same limit. Kestrel's default limit (30 MB) is far above anything a device sends; reading the body here, before
/// binding, gives the surface's own 413 answer, the same way in every host.
/// </remarks>
internal sealed record BodyLimit(int MaxBytes, Func<IResult> TooLarge);

/// <summary>Applies <see cref="BodyLimit"/> metadata.</summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>();
        if (limit is null || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        // A declared oversize body is refused before a byte of it is read.
        var body = context.Request.ContentLength > limit.MaxBytes
            ? null
            : await Parameters.ParameterBagReader.ReadBodyAsync(context.Request.Body, limit.MaxBytes, context.RequestAborted);
        if (body is null)
        {
            await limit.TooLarge().ExecuteAsync(context);
            return;
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }
}
