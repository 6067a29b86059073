using Authy.Api.Http.Parameters;
using Authy.Api.Surfaces.Authy;

namespace Authy.Api.Http;

/// <summary>
/// Builds the one parameter bag of an Authy request before authentication (the API key may be in the body) and before
/// the handler. Reading a body on GET is deliberate: node-authy and authy-client send parameters that way.
/// A body that cannot be read gets an Authy error here, not a 500 later.
/// </summary>
internal sealed class ParameterBagMiddleware(RequestDelegate next)
{
    private static readonly ParameterBagReaderOptions Options = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AuthyPaths.IsAuthy(context.Request.Path))
        {
            await next(context);
            return;
        }

        var result = await ParameterBagReader.ReadAsync(context.Request, Options, context.RequestAborted);
        if (!result.Succeeded)
        {
            var error = result.Error switch
            {
                ParameterBagError.InvalidJson => AuthyErrors.InvalidJson,
                ParameterBagError.UnsupportedMediaType => AuthyErrors.UnsupportedMediaType,
                ParameterBagError.BodyTooLarge => AuthyErrors.BodyTooLarge,
                ParameterBagError.InvalidEncoding => AuthyErrors.InvalidEncoding,
                _ => AuthyErrors.InvalidJson,
            };
            await AuthyWire.WriteErrorAsync(context, error);
            return;
        }

        context.Features.Set(result.Bag!);
        await next(context);
    }
}

internal static class AuthyPaths
{
    private static readonly string[] Prefixes = ["/protected", "/onetouch", "/dashboard"];

    /// <summary>
    /// Paths answered with Authy bodies (everything else, like /health, speaks ProblemDetails). A prefix followed by an
    /// encoded slash (<c>/protected%2Fjson/…</c>, which Kestrel leaves encoded) matches no route, but it is still a
    /// client of the Authy API asking, so its 404 is an Authy one.
    /// </summary>
    public static bool IsAuthy(PathString path) =>
        Array.Exists(Prefixes, prefix => path.StartsWithSegments(prefix)
            || path.Value?.StartsWith(prefix + "%2F", StringComparison.OrdinalIgnoreCase) == true);
}
