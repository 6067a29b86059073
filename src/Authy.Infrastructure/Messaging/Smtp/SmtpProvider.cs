using Microsoft.Extensions.Hosting;

namespace Authy.Infrastructure.Messaging.Smtp;

/// <summary>Registers the SMTP (e-mail) provider as a keyed sender (key <see cref="SenderProvider"/>).</summary>
public static class SmtpProvider
{
    public static IHostApplicationBuilder AddSmtpProvider(this IHostApplicationBuilder builder) =>
        throw new NotSupportedException("The SMTP (e-mail) provider is being built (issue 6); configure Log until it lands.");
}
