using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// A Verify response: a success body (200 fetch/update/list, 201 create, 204 delete with no body) or a
/// <see cref="VerifyError"/> (spec §1.5).
/// </summary>
internal sealed class VerifyResult : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    private readonly Failure? _failure;

    private VerifyResult(int status, object? body, Failure? failure = null)
    {
        StatusCode = status;
        Value = body;
        _failure = failure;
    }

    public int? StatusCode { get; }

    public object? Value { get; }

    public static VerifyResult Ok<T>(T body)
        where T : notnull => new(StatusCodes.Status200OK, body);

    public static VerifyResult Created<T>(T body)
        where T : notnull => new(StatusCodes.Status201Created, body);

    public static VerifyResult NoContent() => new(StatusCodes.Status204NoContent, null);

    public static VerifyResult Error(VerifyError error) => new(error.Status, error);

    /// <summary>The answer to <paramref name="failure"/>; a not-found names the request's path when it is written.</summary>
    public static VerifyResult Failed(Failure failure)
    {
        var error = VerifyErrors.From(failure);
        return new(error.Status, error, failure);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (Value is VerifyError error)
        {
            // Twilio's 404 names the resource asked for, which only the request knows.
            return VerifyWire.WriteErrorAsync(httpContext, _failure is null
                ? error
                : VerifyErrors.From(_failure, VerifySurface.ResourcePath(httpContext.Request.Path)));
        }

        if (Value is null)
        {
            httpContext.Response.StatusCode = StatusCode!.Value;
            return Task.CompletedTask;
        }

        return VerifyWire.WriteJsonAsync(httpContext, StatusCode!.Value, Value);
    }
}

internal static class VerifyOutcomeResults
{
    /// <summary>200 with the body from <paramref name="map"/> (fetch, update), or the Verify answer to the failure.</summary>
    public static VerifyResult ToVerifyResult<T, TBody>(this Outcome<T> outcome, Func<T, TBody> map)
        where TBody : notnull =>
        outcome.IsSuccess ? VerifyResult.Ok(map(outcome.Value)) : VerifyResult.Failed(outcome.Failure!);

    /// <summary>201 with the body from <paramref name="map"/> (create), or the Verify answer to the failure.</summary>
    public static VerifyResult ToVerifyCreatedResult<T, TBody>(this Outcome<T> outcome, Func<T, TBody> map)
        where TBody : notnull =>
        outcome.IsSuccess ? VerifyResult.Created(map(outcome.Value)) : VerifyResult.Failed(outcome.Failure!);

    /// <summary>204 with no body (delete), or the Verify answer to the failure.</summary>
    public static VerifyResult ToVerifyNoContentResult<T>(this Outcome<T> outcome) =>
        outcome.IsSuccess ? VerifyResult.NoContent() : VerifyResult.Failed(outcome.Failure!);
}
