using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy.OpenApi;

/// <summary>A parameter as the docs show it. Authy parameters are read from the query, a form body or a JSON body alike.</summary>
internal sealed record Param(string Name, ParameterLocation Location, bool IsRequired, string Description, string Type = "string")
{
    public static Param AuthyId { get; } = new("authyId", ParameterLocation.Path, true, "The user's authy_id, as users/new returned it.", "integer");

    public static Param Required(string name, string description, string type = "string") =>
        new(name, ParameterLocation.Query, true, description + " Also accepted in a form or JSON body.", type);

    public static Param Optional(string name, string description, string type = "string") =>
        new(name, ParameterLocation.Query, false, description + " Also accepted in a form or JSON body.", type);

    public static Param InPath(string name, string description) => new(name, ParameterLocation.Path, true, description);
}

internal static class AuthyOpenApi
{
    public const string SecuritySchemeName = "AuthyApiKey";

    /// <summary>Documents the success body and the parameters; Authy routes read parameters from a merged bag, so they are listed by hand.</summary>
    public static RouteHandlerBuilder Documented<TResponse>(this RouteHandlerBuilder builder, params Param[] parameters) => builder
        .Produces<TResponse>(StatusCodes.Status200OK, "application/json")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            var documented = operation.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var parameter in parameters)
            {
                var existing = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == parameter.Name);
                if (existing is not null)
                {
                    existing.Description = parameter.Description;
                    continue;
                }

                if (documented.Contains(parameter.Name))
                {
                    continue;
                }

                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = parameter.Location,
                    Required = parameter.IsRequired,
                    Description = parameter.Description,
                    Schema = new OpenApiSchema { Type = ToSchemaType(parameter.Type) },
                });
            }

            return Task.CompletedTask;
        });

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

    private static JsonSchemaType ToSchemaType(string type) => type switch
    {
        "integer" => JsonSchemaType.Integer,
        "boolean" => JsonSchemaType.Boolean,
        "object" => JsonSchemaType.Object,
        _ => JsonSchemaType.String,
    };
}
