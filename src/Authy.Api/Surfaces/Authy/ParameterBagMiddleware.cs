using Authy.Api.Surfaces.Authy.Parameters;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// Builds the one parameter bag of a request routed to the Authy surface, before authentication (the API key may be in
/// the body) and before the handler. Reading a body on GET is deliberate: node-authy and authy-client send parameters that way.
/// A body that cannot be read gets an Authy error here, not a 500 later.
/// </summary>
internal sealed class ParameterBagMiddleware(RequestDelegate next)
{
    private static readonly ParameterBagReaderOptions Options = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AuthySurface>() is null)
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
