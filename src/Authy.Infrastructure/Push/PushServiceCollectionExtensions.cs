using Authy.Application.Devices;
using Authy.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.Infrastructure.Push;

public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// Real-time device events: <see cref="IDeviceEvents"/> over the database, this node's wake-ups, the retention
    /// cleanup, and on PostgreSQL the LISTEN connection that carries events between nodes.
    /// </summary>
    public static IServiceCollection AddDevicePush(this IServiceCollection services, ResolvedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddOptions<PushOptions>()
            .BindConfiguration(PushOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DeviceEventSignals>();
        services.AddSingleton<IDeviceEvents, DatabaseDeviceEvents>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresNotificationListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresNotificationListener>());
        }

        return services;
    }
}
