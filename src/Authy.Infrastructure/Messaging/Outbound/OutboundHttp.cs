using Authy.Application.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Messaging.Outbound;

/// <summary>
/// The HTTP clients that reach URLs applications chose (webhooks, OneTouch callbacks), all with one policy: connections
/// only to checked addresses (<see cref="OutboundConnector"/>), no redirects, no proxy, no cookies, bounded time, and
/// response bodies that are never read (at most <see cref="MaxResponseDrainBytes"/> are drained to keep the connection).
/// </summary>
internal static class OutboundHttp
{
    /// <summary>What a receiver's response body may cost us: the rest of a longer body closes the connection instead.</summary>
    public const int MaxResponseDrainBytes = 4 * 1024;

    public static IHttpClientBuilder AddOutboundHttpClient<TClient, TImplementation>(this IServiceCollection services)
        where TClient : class
        where TImplementation : class, TClient =>
        services.AddHttpClient<TClient, TImplementation>((provider, client) =>
            {
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<OutboundOptions>>().Value.TimeoutSeconds);
                client.MaxResponseContentBufferSize = MaxResponseDrainBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<OutboundOptions>>();
                return new SocketsHttpHandler
                {
                    // A redirect would send the request (or a GET) to an address the URL never named, past the checks on
                    // it; a 3xx is a failed attempt instead (ReceiverAnswers).
                    AllowAutoRedirect = false,
                    // Through a proxy the connection would go to the proxy, and the check would judge the proxy's address.
                    UseProxy = false,
                    UseCookies = false,
                    ConnectCallback = new OutboundConnector(options).ConnectAsync,
                    ConnectTimeout = TimeSpan.FromSeconds(options.Value.ConnectTimeoutSeconds),
                    MaxResponseDrainSize = MaxResponseDrainBytes,
                    ResponseDrainTimeout = TimeSpan.FromSeconds(1),
                };
            });
}
