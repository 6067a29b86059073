using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Messaging.HttpGateway;

/// <summary>Registers the HTTP gateway (SMS) provider as a keyed sender (key <see cref="SenderProvider"/>).</summary>
public static class HttpGatewayProvider
{
    /// <summary>The <c>HttpGateway</c> options, checked at start, and the named HttpClient the sender creates per request.</summary>
    public static IHostApplicationBuilder AddHttpGatewayProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpGatewayOptions>()
            .BindConfiguration(HttpGatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(HttpGatewaySmsSender.ClientName)
            .ConfigureHttpClient((services, client) =>
                client.Timeout = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<HttpGatewayOptions>>().Value.TimeoutSeconds))
            // A redirect would carry the code, the number and a valid signature to a URL nobody configured.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddProviderResilience();
        // The factory, not a typed client, so this singleton gets a fresh handler rotation (DNS changes) on each send.
        builder.Services.AddKeyedSingleton<ISmsSender, HttpGatewaySmsSender>(SenderProvider.Http);
        return builder;
    }
}
