using Authy.Application.Messaging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Authy.Api.Endpoints;

/// <summary>Health probes and, in Development only, the recorded-messages page.</summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app, IHostEnvironment environment)
    {
        // Live: the process answers. Ready: the database answers too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).ExcludeFromDescription();

        if (environment.IsDevelopment())
        {
            // The one place codes are shown: someone trying the server without a phone reads them here.
            app.MapGet("/dev/messages", ListMessages)
                .WithName(nameof(ListMessages))
                .WithTags("Development")
                .WithSummary("Recorded messages (Development only)")
                .WithDescription("Messages in the outbox, newest first, with their full text (and so the code). Destinations are masked. Not mapped outside Development.");
        }

        return app;
    }

    internal static async Task<IResult> ListMessages(ListRecentMessages listRecentMessages, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await listRecentMessages.ExecuteAsync(limit ?? 50, cancellationToken));
}
