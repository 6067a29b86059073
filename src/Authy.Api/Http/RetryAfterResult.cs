using System.Globalization;

namespace Authy.Api.Http;

/// <summary>
/// A refusal by a limit, with <c>Retry-After</c> (RFC 9110 §10.2.3) in whole seconds, rounded up: clients that honour it
/// back off for exactly as long as the limit holds instead of retrying into it.
/// </summary>
internal sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        SetHeader(httpContext.Response, retryAfter);
        return inner.ExecuteAsync(httpContext);
    }

    public static void SetHeader(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
