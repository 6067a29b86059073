using System.Reflection;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Apps;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// What every Authy handler needs: the authenticated application and the route's declared parameters, read and typed
/// before the handler runs (<see cref="AuthyParameters"/>). Bound from the request features set by the middleware and
/// the API-key handler; the merged bag (query &lt; form or JSON body &lt; path) is what the declarations read from.
/// </summary>
internal sealed class AuthyRequest(AuthenticatedApp app, ParameterBag parameters, IHeaderDictionary headers)
{
    public AuthenticatedApp App { get; } = app;

    /// <summary>The merged bag, for the declarations' readers; handlers take typed values with <see cref="Get{T}"/>.</summary>
    internal ParameterBag Parameters { get; } = parameters;

    internal IHeaderDictionary Headers { get; } = headers;

    /// <summary>The route's declared parameters and their values, set before the handler runs (a few per route: a list beats a dictionary).</summary>
    private (AuthyParameter Parameter, object? Value)[] _values = [];

    internal void SetValues((AuthyParameter Parameter, object? Value)[] values) => _values = values;

    public static ValueTask<AuthyRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var app = context.Features.Get<AuthenticatedApp>()
            ?? throw new InvalidOperationException("An Authy endpoint ran without API-key authentication.");
        var parameters = context.Features.Get<ParameterBag>() ?? ParameterBag.Empty;
        return ValueTask.FromResult<AuthyRequest?>(new AuthyRequest(app, parameters.WithRouteValues(context.Request.RouteValues), context.Request.Headers));
    }

    /// <summary>The typed value of a parameter the route declared; a parameter it did not declare is a programming error.</summary>
    public T Get<T>(AuthyParameter<T> parameter)
    {
        foreach (var (declared, value) in _values)
        {
            if (ReferenceEquals(declared, parameter))
            {
                return (T)value!;
            }
        }

        throw new InvalidOperationException($"The handler reads {string.Join(", ", parameter.Docs.Select(d => d.Name))}, which its route does not declare.");
    }
}
