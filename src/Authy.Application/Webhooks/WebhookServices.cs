using Microsoft.Extensions.DependencyInjection;

namespace Authy.Application.Webhooks;

public static class WebhookServices
{
    /// <summary>The Webhooks API's use cases, the dashboard keys and the options.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<DashboardKeys>();
        services.AddScoped<AuthenticateDashboardRequest>();
        services.AddScoped<CreateWebhook>();
        services.AddScoped<ListWebhooks>();
        services.AddScoped<DeleteWebhook>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddScoped<EventRequestContext>();
        services.AddScoped<WebhookEvents>();
        services.AddScoped<DeliverWebhookEvent>();
        return services;
    }
}
