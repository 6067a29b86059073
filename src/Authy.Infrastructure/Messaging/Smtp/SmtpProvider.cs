using Authy.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Authy.Infrastructure.Messaging.Smtp;

/// <summary>Registers the SMTP (e-mail) provider as a keyed sender (key <see cref="SenderProvider"/>).</summary>
public static class SmtpProvider
{
    /// <summary>The <c>Smtp</c> options, checked at start (a bad configuration stops the server, not the first e-mail).</summary>
    public static IHostApplicationBuilder AddSmtpProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddKeyedSingleton<IEmailSender, SmtpEmailSender>(SenderProvider.Smtp);
        return builder;
    }
}
