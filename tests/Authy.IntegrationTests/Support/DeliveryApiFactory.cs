using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging;
using Authy.Infrastructure.Messaging.Log;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// The server with its real routed senders: e-mail through the <c>Smtp</c> provider to a <see cref="LoopbackSmtpServer"/>,
/// SMS through the <c>Http</c> provider to a <see cref="GatewayReceiver"/>. With <paramref name="failover"/>, both
/// channels fall back to <c>Log</c>, the SMTP port has no server, and what reaches <c>Log</c> is also recorded in
/// <see cref="AuthyApiFactory.Senders"/>. <see cref="DeliveryApiFactory{TDatabase}"/> and
/// <see cref="FailoverApiFactory{TDatabase}"/> choose the provider.
/// </summary>
public abstract class DeliveryApiFactory(ITestDatabase database, bool failover) : AuthyApiFactory(database)
{
    public const string SmtpUser = "authy-relay";
    public const string SmtpPassword = "relay-pass-\u00e9-1"; // non-ASCII: AUTH must carry UTF-8
    public const string SmtpFrom = "security@authy.test";
    public const string SmtpFromName = "Authy Security";
    public const string GatewaySecret = "gw-secret-0123456789abcdef0123456789";
    public const string GatewayApiKey = "gateway-api-key-1";

    /// <summary>The gateway's own time limit; the provider chain waits longer (without failover) so this one fires.</summary>
    public const int GatewayTimeoutSeconds = 1;

    public LoopbackSmtpServer Smtp { get; private set; } = null!;

    public GatewayReceiver Gateway { get; private set; } = null!;

    /// <summary>Whether both channels fall back to <c>Log</c> and the SMTP server is down.</summary>
    public bool Failover => failover;

    protected override bool RecordsMessages => false;

    /// <summary>The SMTP server and the gateway first: the server's configuration names their ports.</summary>
    public override async ValueTask InitializeAsync()
    {
        Smtp = LoopbackSmtpServer.Start(SmtpUser, SmtpPassword);
        Gateway = await GatewayReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Gateway.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Messaging:EmailProvider", "Smtp");
        builder.UseSetting("Messaging:SmsProvider", "Http");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", (Failover ? UnusedPort() : Smtp.Port).ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:Username", SmtpUser);
        builder.UseSetting("Smtp:Password", SmtpPassword);
        builder.UseSetting("Smtp:FromAddress", SmtpFrom);
        builder.UseSetting("Smtp:FromName", SmtpFromName);
        builder.UseSetting("HttpGateway:Url", Gateway.Url);
        builder.UseSetting("HttpGateway:Secret", GatewaySecret);
        builder.UseSetting("HttpGateway:Headers:X-Api-Key", GatewayApiKey);
        if (!Failover)
        {
            builder.UseSetting("HttpGateway:TimeoutSeconds", GatewayTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Messaging:ProviderTimeoutSeconds", "5");
            return;
        }

        // The chain's limit (1 s) fires before the gateway's own (10 s): a hanging gateway moves the message to Log.
        builder.UseSetting("HttpGateway:TimeoutSeconds", "10");
        builder.UseSetting("Messaging:ProviderTimeoutSeconds", "1");
        builder.UseSetting("Messaging:SmsFallbackProvider", "Log");
        builder.UseSetting("Messaging:EmailFallbackProvider", "Log");
        builder.ConfigureTestServices(services =>
        {
            // The real Log senders still answer (so the outbox records "log"); the tap only records what reached them.
            services.AddKeyedSingleton<ISmsSender>(SenderProvider.Log, (sp, _) =>
                new LogTap(new LogSmsSender(sp.GetRequiredService<ILogger<LogSmsSender>>()), null, Senders));
            services.AddKeyedSingleton<IEmailSender>(SenderProvider.Log, (sp, _) =>
                new LogTap(null, new LogEmailSender(sp.GetRequiredService<ILogger<LogEmailSender>>()), Senders));
        });
    }

    /// <summary>A loopback port with nothing listening: an SMTP server that is down.</summary>
    private static int UnusedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class LogTap(ISmsSender? sms, IEmailSender? email, RecordingSenders recorded) : ISmsSender, IEmailSender
    {
        public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            await recorded.SendAsync(message, cancellationToken);
            return await sms!.SendAsync(message, cancellationToken);
        }

        public async Task<DeliveryReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            await recorded.SendAsync(message, cancellationToken);
            return await email!.SendAsync(message, cancellationToken);
        }
    }
}

/// <summary>Real delivery to the loopback SMTP server and gateway, on a fresh database of <typeparamref name="TDatabase"/>.</summary>
public sealed class DeliveryApiFactory<TDatabase>() : DeliveryApiFactory(new TDatabase(), failover: false)
    where TDatabase : ITestDatabase, new();

/// <summary>
/// Real delivery with failover to <c>Log</c> and the SMTP server down, on a fresh database of <typeparamref name="TDatabase"/>.
/// </summary>
public sealed class FailoverApiFactory<TDatabase>() : DeliveryApiFactory(new TDatabase(), failover: true)
    where TDatabase : ITestDatabase, new();
