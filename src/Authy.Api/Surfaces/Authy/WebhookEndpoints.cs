using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Webhooks;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// The Webhooks API (spec §3.18) under <c>/dashboard/json/application/webhooks</c>: create, list, delete. Authenticated
/// by <see cref="DashboardAuthenticationHandler"/>, not by the API key header; docs/webhooks.md has the scheme.
/// </summary>
internal static class WebhookEndpoints
{
    public const string BasePath = "/dashboard/json/application/webhooks";

    private static readonly AuthyParameter<string?> Url = AuthyParameter.Text("url", "Where events are POSTed: an absolute http or https URL (up to 2000 characters).", required: true);

    private static readonly AuthyParameter<string?> Name = AuthyParameter.Text("name", "A name for the webhook (up to 100 characters).", required: true);

    private static readonly AuthyParameter<IReadOnlyList<string?>?> Events = AuthyParameter.Custom(
        new ParameterDoc("events[]", ParameterLocation.Query, true, "An event name, repeated per event: `user_added`, `token_verified`… (docs/webhooks.md lists all 23). Also accepted in a form or JSON body.", JsonSchemaType.Array),
        r => ReadEvents(r.Parameters));

    private static readonly AuthyParameter<string> WebhookId = AuthyParameter.InPath("webhookId", "The webhook's id, `WH_<uuid>`.");

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath)
            .WithMetadata(AuthySurface.Instance)
            .RequireAuthorization(DashboardPolicies.Dashboard)
            .AddOpenApiOperationTransformer(DashboardOpenApi.DescribeCommonParts)
            .WithTags("Webhooks")
            // Scripts post forms with keys and a signature; there is no browser session to protect.
            .DisableAntiforgery();

        group.MapPost("/", CreateWebhook)
            .WithName(nameof(CreateWebhook))
            .WithSummary("Create a webhook")
            .WithDescription("Subscribes `url` to some of the 23 Authy events. The answer carries the webhook's `signing_key`: each event is POSTed to `url` as `{\"body\":\"<JWT>\"}`, the JWT signed HS256 with that key.")
            .Declares<WebhookCreatedResponse>([.. DashboardOpenApi.AuthParameters, Url, Name, Events]);

        group.MapGet("/", ListWebhooks)
            .WithName(nameof(ListWebhooks))
            .WithSummary("List webhooks")
            .WithDescription("The application's webhooks with their signing keys, oldest first. The keys may come as a form body on this GET, as Authy's sample sends them.")
            .Declares<WebhookListResponse>(DashboardOpenApi.AuthParameters);

        group.MapDelete("/{webhookId}", DeleteWebhook)
            .WithName(nameof(DeleteWebhook))
            .WithSummary("Delete a webhook")
            .WithDescription("Deletes the webhook; events already queued for it are dropped. An unknown id (or another application's) answers 404 60100.")
            .Declares<MessageResponse>([WebhookId, .. DashboardOpenApi.AuthParameters]);
        return app;
    }

    internal static async Task<AuthyResult> CreateWebhook(AuthyRequest request, CreateWebhook createWebhook, CancellationToken cancellationToken)
    {
        var command = new CreateWebhookCommand(request.Get(Url), request.Get(Name), request.Get(Events));
        var outcome = await createWebhook.ExecuteAsync(request.App, command, cancellationToken);
        return outcome.ToAuthyResult(webhook => new WebhookCreatedResponse(ToBody(webhook)));
    }

    internal static async Task<AuthyResult> ListWebhooks(AuthyRequest request, ListWebhooks listWebhooks, CancellationToken cancellationToken)
    {
        var webhooks = await listWebhooks.ExecuteAsync(request.App, cancellationToken);
        return AuthyResult.Ok(new WebhookListResponse(webhooks.Select(ToBody).ToList()));
    }

    internal static async Task<AuthyResult> DeleteWebhook(AuthyRequest request, DeleteWebhook deleteWebhook, CancellationToken cancellationToken)
    {
        var outcome = await deleteWebhook.ExecuteAsync(request.App, request.Get(WebhookId), cancellationToken);
        return outcome.ToAuthyResult(_ => new MessageResponse("Webhook deleted"));
    }

    /// <summary>
    /// <c>events[]=a&amp;events[]=b</c>, <c>events[0]=a</c>, a JSON array, or one plain <c>events=a</c>. A nested value is
    /// passed on as null, which the use case refuses as an unknown event.
    /// </summary>
    private static IReadOnlyList<string?>? ReadEvents(ParameterBag parameters) =>
        parameters.GetList("events") is { } list ? list.Select(node => node.IsScalar ? node.Value : null).ToList()
        : parameters.GetString("events") is { } single ? [single]
        : null;

    private static WebhookBody ToBody(WebhookView webhook) =>
        new(webhook.Id, webhook.Name, webhook.AccountSid, webhook.ServiceId, webhook.Url, webhook.SigningKey, webhook.Events, Rfc3339.Format(webhook.CreatedAt));
}
