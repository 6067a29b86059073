using Authy.Application.Abstractions;
using Authy.Application.Apps.Usage;
using Authy.Application.Messaging;
using Authy.Application.Tokens;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Caching;
using Authy.Infrastructure.Messaging;
using Authy.Infrastructure.Messaging.Callbacks;
using Authy.Infrastructure.Messaging.HttpGateway;
using Authy.Infrastructure.Messaging.Log;
using Authy.Infrastructure.Messaging.Outbound;
using Authy.Infrastructure.Messaging.Routing;
using Authy.Infrastructure.Messaging.Smtp;
using Authy.Infrastructure.Messaging.Twilio;
using Authy.Infrastructure.Messaging.Webhooks;
using Authy.Infrastructure.Outbox;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Push;
using Authy.Infrastructure.Retention;
using Authy.Infrastructure.Secrets;
using Authy.Infrastructure.Throttling;
using Authy.Infrastructure.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Storage, encryption at rest, throttles, senders and the outbox dispatcher, as configured.</summary>
    public static IHostApplicationBuilder AddAuthyInfrastructure(this IHostApplicationBuilder builder)
    {
        var database = ResolveDatabase(builder);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        AddDatabase(builder.Services, database);

        var protector = CreateProtector(builder, database);
        builder.Services.AddSingleton(protector);
        builder.Services.AddSingleton<ISecretProtector>(protector);
        builder.Services.AddScoped<MasterKeyCheck>();
        builder.Services.AddScoped<IThrottle, DatabaseThrottle>();
        builder.Services.AddScoped<IVerifySubjects, VerifySubjects>();
        builder.Services.AddSingleton<VerifyMemberCache>();
        builder.Services.AddSingleton<IVerifyMemberCache>(sp => sp.GetRequiredService<VerifyMemberCache>());
        builder.Services.AddScoped<IMemberChanges, MemberChanges>();
        builder.Services.AddDevicePush(database);
        builder.Services.AddScoped<DatabaseMigrator>();
        AddSenders(builder);

        // Callbacks and webhooks go to URLs applications chose, so only to public addresses by default (ADR 0018); the
        // outbox retries, so the clients themselves do not.
        builder.Services.AddOutboundHttpClient<ICallbackSender, HttpCallbackSender>();
        builder.Services.AddOutboundHttpClient<IWebhookSender, HttpWebhookSender>();

        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxDispatcher>();
        if (builder.Configuration.GetValue($"{OutboxOptions.SectionName}:{nameof(OutboxOptions.Enabled)}", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        builder.Services.AddSingleton<OutboxSampler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSampler>());

        builder.Services.AddOptions<UsageOptions>()
            .BindConfiguration(UsageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IUsageMeter, BufferedUsageMeter>();
        builder.Services.AddHostedService<UsageFlushService>();

        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RetentionService>();
        if (builder.Configuration.GetValue($"{RetentionOptions.SectionName}:{nameof(RetentionOptions.Enabled)}", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    private static ResolvedDatabase ResolveDatabase(IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        var connectionString = builder.Configuration.GetConnectionString("Authy");
        var provider = options.Provider ?? (string.IsNullOrWhiteSpace(connectionString) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres);
        var embedded = provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString);
        if (embedded)
        {
            var databasePath = Path.Combine(dataDirectory, "authy.db");
            EmbeddedDatabaseFiles.Prepare(dataDirectory, databasePath);
            connectionString = $"Data Source={databasePath}";
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Authy is empty.");
        }

        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = PostgresConnectionDefaults.Apply(connectionString!);
        }

        if (provider == DatabaseProvider.Sqlite && !connectionString!.Contains("Default Timeout", StringComparison.OrdinalIgnoreCase))
        {
            // Concurrent writers wait for the lock instead of failing at once with "database is locked".
            connectionString += ";Default Timeout=30";
        }

        return new ResolvedDatabase(provider, connectionString!, options.ApplyMigrationsOnStartup ?? embedded, embedded, dataDirectory);
    }

    private static void AddDatabase(IServiceCollection services, ResolvedDatabase database)
    {
        // Pooled: a fresh context per request spent a fifth of verify's server CPU building its internal services.
        // The contexts hold no state of their own beyond EF Core's, which the pool resets.
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<AuthyDbContext, PostgresAuthyDbContext>((sp, o) => o
                .UseNpgsql(database.ConnectionString)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>()));
        }
        else
        {
            services.AddDbContextPool<AuthyDbContext, SqliteAuthyDbContext>((sp, o) => o
                .UseSqlite(database.ConnectionString)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>()));
        }

        services.AddScoped<IAuthyDb>(sp => sp.GetRequiredService<AuthyDbContext>());
    }

    private static AesGcmSecretProtector CreateProtector(IHostApplicationBuilder builder, ResolvedDatabase database)
    {
        var options = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        var previous = options.PreviousMasterKeys.Select((k, i) => MasterKeys.Decode(k, $"Security:PreviousMasterKeys:{i}")).ToList();
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return new AesGcmSecretProtector(MasterKeys.Decode(options.MasterKey, "Security:MasterKey"), previous);
        }

        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Security:MasterKey is required in Production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`). " +
                "It encrypts every TOTP seed; keep it out of the database's backups.");
        }

        return new AesGcmSecretProtector(MasterKeys.LoadOrCreateFile(Path.Combine(database.DataDirectory, "master.key")), previous);
    }

    private static void AddSenders(IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var configured = options.Configured().ToHashSet();
        if (configured.Contains(SenderProvider.Log) && builder.Environment.IsProduction() && !options.AllowLogProviderInProduction)
        {
            throw new InvalidOperationException(
                "The Log provider delivers nothing and is refused in Production. Configure a real provider for " +
                "Messaging:SmsProvider, VoiceProvider and EmailProvider (and their fallbacks), or set Messaging:AllowLogProviderInProduction=true.");
        }

        builder.Services.AddKeyedSingleton<ISmsSender, LogSmsSender>(SenderProvider.Log);
        builder.Services.AddKeyedSingleton<IVoiceSender, LogVoiceSender>(SenderProvider.Log);
        builder.Services.AddKeyedSingleton<IEmailSender, LogEmailSender>(SenderProvider.Log);
        if (configured.Contains(SenderProvider.Twilio))
        {
            builder.AddTwilioProvider();
        }

        if (configured.Contains(SenderProvider.Http))
        {
            builder.AddHttpGatewayProvider();
        }

        if (configured.Contains(SenderProvider.Smtp))
        {
            builder.AddSmtpProvider();
        }

        builder.Services.AddSingleton(sp => new ProviderChain(
            TimeSpan.FromSeconds(options.ProviderTimeoutSeconds), sp.GetRequiredService<ILogger<ProviderChain>>()));

        // TryAdd: a host or a test that registered its own sender first keeps it.
        builder.Services.TryAddSingleton<IVoiceSender>(sp => new RoutedVoiceSender(
            Links<IVoiceSender>(sp, options.VoiceProvider, options.VoiceFallbackProvider), sp.GetRequiredService<ProviderChain>()));
        builder.Services.TryAddSingleton<ISmsSender>(sp => new RoutedSmsSender(
            Links<ISmsSender>(sp, options.SmsProvider, options.SmsFallbackProvider), sp.GetRequiredService<IVoiceSender>(), sp.GetRequiredService<ProviderChain>()));
        builder.Services.TryAddSingleton<IEmailSender>(sp => new RoutedEmailSender(
            Links<IEmailSender>(sp, options.EmailProvider, options.EmailFallbackProvider), sp.GetRequiredService<ProviderChain>()));
    }

    private static List<ChainLink<TSender>> Links<TSender>(IServiceProvider services, SenderProvider primary, SenderProvider? fallback)
        where TSender : notnull
    {
        var links = new List<ChainLink<TSender>> { new(primary, services.GetRequiredKeyedService<TSender>(primary)) };
        if (fallback is { } secondary)
        {
            links.Add(new(secondary, services.GetRequiredKeyedService<TSender>(secondary)));
        }

        return links;
    }
}

/// <summary>Ready only when the database answers.</summary>
internal sealed class DatabaseHealthCheck(AuthyDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
