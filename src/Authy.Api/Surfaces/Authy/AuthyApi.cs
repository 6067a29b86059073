using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Observability;

namespace Authy.Api.Surfaces.Authy;

/// <summary>The Authy routes: <c>/protected/{format}</c>, where <c>{format}</c> is <c>json</c> or <c>xml</c>.</summary>
internal static class AuthyApi
{
    public const string FormatSegment = "{format:regex(^(json|xml)$)}";

    public static IEndpointRouteBuilder MapAuthyApi(this IEndpointRouteBuilder app)
    {
        var protectedApi = app.MapGroup("/protected/" + FormatSegment).WithAuthyDefaults();
        protectedApi.MapUsersEndpoints();
        protectedApi.MapTokenEndpoints();
        protectedApi.MapSecretEndpoints();
        protectedApi.MapAppEndpoints();
        protectedApi.MapPhoneVerificationEndpoints();
        app.MapQrCodeImage();

        var oneTouch = app.MapGroup("/onetouch/" + FormatSegment).WithAuthyDefaults();
        oneTouch.MapApprovalRequestEndpoints();

        app.MapWebhookEndpoints();
        return app;
    }

    private static RouteGroupBuilder WithAuthyDefaults(this RouteGroupBuilder group) => group
        .WithMetadata(AuthySurface.Instance)
        .RequireAuthorization(AuthyPolicies.ApiKey)
        .AddOpenApiOperationTransformer(AuthyOpenApi.DescribeCommonParts)
        // API-key clients post forms; there is no browser session to protect.
        .DisableAntiforgery()
        .AddEndpointFilter(CountApiCall);

    /// <summary>app/stats' <c>api_calls_count</c>: every authenticated call that reached an endpoint, counted in memory.</summary>
    private static async ValueTask<object?> CountApiCall(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.HttpContext.Features.Get<AuthenticatedApp>() is { } app)
        {
            context.HttpContext.RequestServices.GetRequiredService<IUsageMeter>().Record(app.Id, UsageKind.ApiCall);
        }

        // Limits (60003, 60009, 60011, 60013) and every other refusal, by Authy code, for /metrics.
        if (result is AuthyResult { Value: AuthyError error })
        {
            AuthyMetrics.ApiError(error.Code);
        }

        return result;
    }
}

internal static class AuthyPolicies
{
    public const string ApiKey = "AuthyApiKey";
}
