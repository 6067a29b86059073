using Authy.Api.Surfaces.Authy.Parameters;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy.OpenApi;

internal static class AuthyOpenApi
{
    public const string SecuritySchemeName = "AuthyApiKey";

    /// <summary>
    /// Declares the route's parameters once (<see cref="AuthyParameters"/>): they are read and typed before the handler
    /// runs, and the OpenAPI operation lists them, with the success body.
    /// </summary>
    public static RouteHandlerBuilder Declares<TResponse>(this RouteHandlerBuilder builder, params AuthyParameter[] parameters) => builder
        .WithAuthyParameters(new AuthyParameters(parameters))
        .Produces<TResponse>(StatusCodes.Status200OK, "application/json")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var doc in parameters.SelectMany(p => p.Docs))
            {
                var existing = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == doc.Name);
                if (existing is not null)
                {
                    existing.Description = doc.Description;
                    existing.Required = doc.IsRequired;
                    continue;
                }

                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = doc.Name,
                    In = doc.In,
                    Required = doc.IsRequired,
                    Description = doc.Description,
                    Schema = new OpenApiSchema { Type = doc.Type },
                });
            }

            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder WithAuthyParameters(this RouteHandlerBuilder builder, AuthyParameters declared) => builder
        .WithMetadata(declared)
        .AddEndpointFilter(declared.ReadBeforeHandler);

    /// <summary>What every Authy route shares: the format segment, the API key and the error responses.</summary>
    public static Task DescribeCommonParts(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "format")
            {
                parameter.Description = "`json` (every current client) or `xml` (Rails-style XML, for old clients).";
            }
        }

        operation.Responses ??= [];
        AddError(operation, "400", "Invalid parameters (60004, 60027, 60033…).");
        AddError(operation, "401", "Missing or invalid API key (60001), or an invalid or reused token (60020, 60019).");
        AddError(operation, "404", "User not found (60026).");
        AddError(operation, "429", "Too many attempts or sends (60003), or a monthly cap (60009, 60011). The `Retry-After` header gives the seconds until the limit lifts.");
        AddError(operation, "503", "The database is unavailable; try again.");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The Authy document, <c>/openapi/v1.json</c> (the name it was published under): every route of no group, that is
    /// the Authy routes and the server's own pages; the other surfaces' groups have documents of their own.
    /// </summary>
    public static IServiceCollection AddAuthyOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.GroupName is null;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Authy-compatible API",
                    Version = "v1",
                    Description = "A self-hosted server that speaks the Authy API. Point an official Authy client at this server's base URL. " +
                        "Every Authy route takes the API key in the `X-Authy-API-Key` header, or as `api_key` in the query, form or JSON body.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "The application's API key (`apps create` prints it).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [],
                });
                return Task.CompletedTask;
            });
        });

    private static void AddError(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description + " Body: `{\"message\":…,\"success\":false,\"errors\":{\"message\":…},\"error_code\":\"600xx\"}`.",
        };
    }
}
