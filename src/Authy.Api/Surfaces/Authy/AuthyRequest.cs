using System.Reflection;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Apps;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// What every Authy handler needs: the authenticated application and the merged parameters
/// (query &lt; form or JSON body &lt; path). Bound from the request features set by the middleware and the API-key handler.
/// </summary>
internal sealed record AuthyRequest(AuthenticatedApp App, ParameterBag Parameters)
{
    public static ValueTask<AuthyRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var app = context.Features.Get<AuthenticatedApp>()
            ?? throw new InvalidOperationException("An Authy endpoint ran without API-key authentication.");
        var parameters = context.Features.Get<ParameterBag>() ?? ParameterBag.Empty;
        return ValueTask.FromResult<AuthyRequest?>(new AuthyRequest(app, parameters.WithRouteValues(context.Request.RouteValues)));
    }

    /// <summary>A boolean parameter read leniently (<c>true</c>, <c>True</c>, <c>1</c>…); absent or unreadable is false.</summary>
    public bool Flag(string name) => Parameters.GetBoolean(name) ?? false;

    public string? Text(string name) => Parameters.GetString(name);
}
