using Authy.Api.Surfaces.Authy.Parameters;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy.OpenApi;

/// <summary>What the Webhooks-API operations share: their own authentication (no API-key header) and errors.</summary>
internal static class DashboardOpenApi
{
    /// <summary>What the dashboard authentication reads; declared on each route so the docs list them.</summary>
    public static AuthyParameter[] AuthParameters { get; } =
    [
        AuthyParameter.Text("app_api_key", "The application's API key.", required: true),
        AuthyParameter.Text("access_key", "The application's access key (`apps create` prints it; `apps rotate-access-key` issues a new one).", required: true),
        AuthyParameter.Header(DashboardAuthenticationHandler.NonceHeader, "A string used once, e.g. `1795473480.123456` (a Unix time, which must be within 15 minutes of the server's clock) or a UUID."),
        AuthyParameter.Header(DashboardAuthenticationHandler.SignatureHeader, "Base64(HMAC-SHA256(API signing key, `nonce|METHOD|url|sorted_params`)): `url` without the query, `sorted_params` every parameter sent (including app_api_key, access_key and each events[]), Rails-encoded and sorted. docs/webhooks.md has a worked example."),
    ];

    public static Task DescribeCommonParts(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // These routes do not take X-Authy-API-Key: an empty requirement list overrides the document's default.
        operation.Security = [];
        operation.Responses ??= [];
        AddError(operation, "400", "Invalid url, name or events (60098, with field errors).");
        AddError(operation, "401", "Unknown app_api_key (60073), no dashboard keys yet (60069), missing or wrong access_key (60071, 60072), bad signature, missing or reused nonce (60087).");
        AddError(operation, "404", "Webhook not found (60100).");
        AddError(operation, "503", "The database is unavailable; try again.");
        return Task.CompletedTask;
    }

    private static void AddError(OpenApiOperation operation, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description + " Body: `{\"message\":…,\"success\":false,\"errors\":{\"message\":…},\"error_code\":\"600xx\"}`.",
        });
}
