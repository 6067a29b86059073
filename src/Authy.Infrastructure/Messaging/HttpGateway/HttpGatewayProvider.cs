using Microsoft.Extensions.Hosting;

namespace Authy.Infrastructure.Messaging.HttpGateway;

/// <summary>Registers the HTTP gateway (SMS) provider as a keyed sender (key <see cref="SenderProvider"/>).</summary>
public static class HttpGatewayProvider
{
    public static IHostApplicationBuilder AddHttpGatewayProvider(this IHostApplicationBuilder builder) =>
        throw new NotSupportedException("The HTTP gateway (SMS) provider is being built (issue 6); configure Log until it lands.");
}
