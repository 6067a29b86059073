using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Authy.Api.Http;

/// <summary>
/// Failures outside the handlers' own outcomes (unknown routes, wrong methods, exceptions) get the answer of the
/// request's wire surface (<see cref="IWireSurface"/>), and never a stack trace. Requests of no surface (/health,
/// /openapi, the device API) get ProblemDetails.
/// </summary>
internal static partial class ErrorHandling
{
    public static WebApplication UseSurfaceErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = Classify,
            ExceptionHandler = async context =>
            {
                var feature = context.Features.Get<IExceptionHandlerFeature>();
                var exception = feature?.Error;
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Authy.Api.Errors");
                var status = exception is null ? 500 : Classify(exception);
                if (status >= 500)
                {
                    LogUnhandled(logger, context.Request.Method, RequestLogRedaction.Path(context.Request.Path), exception);
                }

                // The handler runs with the endpoint cleared; the feature keeps the one that threw.
                if (WireSurfaces.Find(context, feature?.Endpoint) is { } surface)
                {
                    await surface.WriteStatusAsync(context, status, afterException: true);
                    return;
                }

                context.Response.StatusCode = status;
                await Results.Problem(statusCode: status).ExecuteAsync(context);
            },
        });

        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            if (WireSurfaces.Find(context, context.GetEndpoint()) is { } surface)
            {
                await surface.WriteStatusAsync(context, context.Response.StatusCode, afterException: false);
                return;
            }

            await Results.Problem(statusCode: context.Response.StatusCode).ExecuteAsync(context);
        });
        return app;
    }

    /// <summary>The status an exception deserves: a client's fault is 4xx, a database outage 503, anything else 500.</summary>
    internal static int Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsDatabaseFault(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// A database error or timeout anywhere in the chain: EF Core wraps a failed command in a DbUpdateException, and its
    /// execution strategy wraps that again ("likely due to a transient failure"), so the fault can be two levels down.
    /// </summary>
    private static bool IsDatabaseFault(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception? exception);
}
