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
        var values = new (AuthyParameter, object?)[Declared.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var outcome = Declared[i].ReadBoxed(request);
            if (!outcome.IsSuccess)
            {
                return outcome.Failure;
            }

            values[i] = (Declared[i], outcome.Value);
        }

        request.SetValues(values);
        return null;
    }

    /// <summary>The endpoint filter that reads the declared parameters and answers the first unreadable one.</summary>
    public ValueTask<object?> ReadBeforeHandler(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = FindRequest(context)
            ?? throw new InvalidOperationException("A route that declares Authy parameters must take an AuthyRequest.");
        return ReadAll(request) is { } failure
            ? ValueTask.FromResult<object?>(AuthyResult.Error(AuthyErrors.From(failure)))
            : next(context);
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
