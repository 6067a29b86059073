using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>
/// The parameters a route declares (endpoint metadata), in the order they are read. The OpenAPI description lists
/// them (<see cref="OpenApi.AuthyOpenApi.Declares{TResponse}"/>) and <see cref="ReadAll"/> reads them before the
/// handler runs: there is no other list for either to drift from.
/// </summary>
internal sealed class AuthyParameters(IReadOnlyList<AuthyParameter> declared)
{
    public IReadOnlyList<AuthyParameter> Declared { get; } = declared;

    /// <summary>Reads every declared parameter into <paramref name="request"/>; the first failure, or null when all were read.</summary>
    public Failure? ReadAll(AuthyRequest request)
    {
        foreach (var parameter in Declared)
        {
            var outcome = parameter.ReadBoxed(request);
            if (!outcome.IsSuccess)
            {
                return outcome.Failure;
            }

            request.Values[parameter] = outcome.Value;
        }

        return null;
    }

    /// <summary>The endpoint filter that reads the declared parameters and answers the first unreadable one.</summary>
    public static async ValueTask<object?> ReadBeforeHandler(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var declared = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AuthyParameters>();
        var request = FindRequest(context);
        if (declared is not null && request is not null && declared.ReadAll(request) is { } failure)
        {
            return AuthyResult.Error(AuthyErrors.From(failure));
        }

        return await next(context);
    }

    private static AuthyRequest? FindRequest(EndpointFilterInvocationContext context)
    {
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (context.Arguments[i] is AuthyRequest request)
            {
                return request;
            }
        }

        return null;
    }
}
