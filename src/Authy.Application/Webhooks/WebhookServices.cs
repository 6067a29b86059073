using Microsoft.Extensions.DependencyInjection;

namespace Authy.Application.Webhooks;

public static class WebhookServices
{
    /// <summary>The Webhooks API's use cases and the dashboard keys.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddScoped<DashboardKeys>();
        return services;
    }
}
