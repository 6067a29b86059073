using System.Buffers;
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
internal sealed record BodyLimit(int MaxBytes, Func<IResult> TooLarge)
{
    /// <summary>64 KiB: far above any request of this server's APIs (an approval request with details and logos is a few KiB).</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    private const int ChunkBytes = 16 * 1024;

    /// <summary>The whole body, or null as soon as it proves longer than <paramref name="limit"/>; never reads more than limit + 1 bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (true)
            {
                var wanted = (int)Math.Min(chunk.Length, limit - buffer.Length + 1);
                var read = await body.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}

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
            : await BodyLimit.ReadAsync(context.Request.Body, limit.MaxBytes, context.RequestAborted);
        if (body is null)
        {
            await limit.TooLarge().ExecuteAsync(context);
            return;
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }
}
