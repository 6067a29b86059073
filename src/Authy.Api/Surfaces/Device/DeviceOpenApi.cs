using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Device;

/// <summary>
/// The device API's own OpenAPI document, <c>/openapi/device.json</c>: only the routes of its group, with the device
/// token as a bearer scheme on the routes that need it (registration does not).
/// </summary>
internal static class DeviceOpenApi
{
    public const string DocumentName = "device";

    private const string SecuritySchemeName = "DeviceToken";

    public static IServiceCollection AddDeviceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Device API",
                    Version = "v1",
                    Description = "For authenticator apps: register a device with a code sent to the phone, then authenticate with short-lived " +
                        "ES256 tokens signed by the device's key to sync tokens, receive events and answer OneTouch requests. docs/api.md has the details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT (ES256, signed by the device's registered P-256 key)",
                    Description = "A device token: `Authorization: Bearer <token>` (the event stream also takes `access_token` in the query).",
                };
                return Task.CompletedTask;
            });
        });

    /// <summary>Marks an operation as needing the device token.</summary>
    public static Task RequireDeviceToken(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}
