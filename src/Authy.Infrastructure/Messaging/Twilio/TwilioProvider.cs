using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>Registers the Twilio (SMS and voice) provider as keyed senders (key <see cref="SenderProvider.Twilio"/>).</summary>
public static class TwilioProvider
{
    /// <summary>
    /// Binds and checks <see cref="TwilioOptions"/> (the start fails with every problem named, no value shown), then
    /// registers the REST client, both senders and the services behind the Twilio endpoints, which the API host maps
    /// when <see cref="IsConfigured"/> is true.
    /// </summary>
    public static IHostApplicationBuilder AddTwilioProvider(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TwilioOptions.SectionName).Get<TwilioOptions>() ?? new TwilioOptions();
        var publicBase = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? builder.Configuration["PublicBaseUrl"] : options.PublicBaseUrl;
        options.ResolvedPublicBaseUrl = publicBase?.Trim().TrimEnd('/') ?? string.Empty;
        var problems = options.Validate(builder.Environment.IsProduction()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Twilio is configured as a provider, but: " + string.Join(" ", problems));
        }

        options.ResolvedPublicBaseUrl = TwilioOptions.CanonicalPublicBaseUrl(options.ResolvedPublicBaseUrl);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient(TwilioApi.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds))
            .AddProviderResilience()
            .AddHttpMessageHandler(() => new TwilioBaseUrlHandler(options));
        builder.Services.AddSingleton<TwilioApi>();
        builder.Services.AddKeyedSingleton<ISmsSender, TwilioSmsSender>(SenderProvider.Twilio);
        builder.Services.AddKeyedSingleton<IVoiceSender, TwilioVoiceSender>(SenderProvider.Twilio);
        builder.Services.AddScoped<TwilioVoiceCalls>();
        builder.Services.AddScoped<TwilioStatusCallbacks>();
        return builder;
    }

    /// <summary>Whether the host registered the Twilio provider (and so must map its endpoints).</summary>
    public static bool IsConfigured(IServiceProvider services) => services.GetService<TwilioOptions>() is not null;
}
