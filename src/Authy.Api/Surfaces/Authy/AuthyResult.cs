using System.Text.Json;
using Authy.Api.Http;
using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// An Authy response (a success body or an <see cref="AuthyError"/>), in JSON or XML as the route's <c>{format}</c> asks.
/// </summary>
internal sealed class AuthyResult : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    private AuthyResult(int status, object body)
    {
        StatusCode = status;
        Value = body;
    }

    public int? StatusCode { get; }

    public object? Value { get; }

    public static AuthyResult Ok<T>(T body)
        where T : notnull => new(StatusCodes.Status200OK, body);

    public static AuthyResult Error(AuthyError error) => new(error.Status, error);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (Value is AuthyError error)
        {
            RetryAfterResult.SetHeader(httpContext.Response, error.RetryAfter);
            return AuthyWire.WriteErrorAsync(httpContext, error);
        }

        if (AuthyWire.WantsXml(httpContext))
        {
            var node = JsonSerializer.SerializeToNode(Value, Value!.GetType(), AuthyWire.JsonOptions)!;
            return AuthyWire.WriteAsync(httpContext, StatusCode!.Value, node, isError: false);
        }

        // JSON straight from the body type: the same bytes as through a JsonNode (same options), without building the
        // tree, its string and a second encoding on every request.
        return AuthyWire.WriteJsonAsync(httpContext, StatusCode!.Value, JsonSerializer.SerializeToUtf8Bytes(Value, Value!.GetType(), AuthyWire.JsonOptions));
    }
}

internal static class OutcomeResults
{
    /// <summary>The success body from <paramref name="map"/>, or the Authy answer to the outcome's failure.</summary>
    public static AuthyResult ToAuthyResult<T, TBody>(this Outcome<T> outcome, Func<T, TBody> map)
        where TBody : notnull =>
        outcome.IsSuccess ? AuthyResult.Ok(map(outcome.Value)) : AuthyResult.Error(AuthyErrors.From(outcome.Failure!));
}
