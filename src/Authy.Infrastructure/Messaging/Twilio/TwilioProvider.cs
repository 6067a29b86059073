using Microsoft.Extensions.Hosting;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>Registers the Twilio (SMS and voice) provider as a keyed sender (key <see cref="SenderProvider"/>).</summary>
public static class TwilioProvider
{
    public static IHostApplicationBuilder AddTwilioProvider(this IHostApplicationBuilder builder) =>
        throw new NotSupportedException("The Twilio (SMS and voice) provider is being built (issue 6); configure Log until it lands.");
}
