using Authy.Application.Abstractions;
using Authy.Application.Activities;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.OneTouch;
using Authy.Application.Phones.Verification;
using Authy.Application.Secrets;
using Authy.Application.Users;
using Authy.Application.Verify.Accounts;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Authy.Infrastructure.Persistence;

/// <summary>
/// The one schema, for both providers. Each provider has its own subclass, because each keeps its own committed
/// migrations. To add a migration (both providers):
/// <code>
/// dotnet ef migrations add &lt;Name&gt; --project src/Authy.Infrastructure --startup-project src/Authy.Infrastructure --context PostgresAuthyDbContext --output-dir Persistence/Migrations/Postgres
/// dotnet ef migrations add &lt;Name&gt; --project src/Authy.Infrastructure --startup-project src/Authy.Infrastructure --context SqliteAuthyDbContext --output-dir Persistence/Migrations/Sqlite
/// </code>
/// </summary>
public abstract class AuthyDbContext(DbContextOptions options) : DbContext(options), IAuthyDb
{
    public DbSet<App> Apps => Set<App>();

    public DbSet<User> Users => Set<User>();

    public DbSet<AppUser> AppUsers => Set<AppUser>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<GenericSecret> GenericSecrets => Set<GenericSecret>();

    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    public DbSet<DeviceRegistration> DeviceRegistrations => Set<DeviceRegistration>();

    public DbSet<DeviceEvent> DeviceEvents => Set<DeviceEvent>();

    public DbSet<DeviceTokenUse> DeviceTokenUses => Set<DeviceTokenUse>();

    public DbSet<DeviceSeedGrant> DeviceSeedGrants => Set<DeviceSeedGrant>();

    public DbSet<PhoneVerification> PhoneVerifications => Set<PhoneVerification>();

    public DbSet<UsageMonth> UsageMonths => Set<UsageMonth>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookApiNonce> WebhookApiNonces => Set<WebhookApiNonce>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountApiKey> AccountApiKeys => Set<AccountApiKey>();

    public DbSet<ThrottleCounter> ThrottleCounters => Set<ThrottleCounter>();

    public DbSet<ServerState> ServerState => Set<ServerState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthyDbContext).Assembly);
}

/// <summary>PostgreSQL, the production store.</summary>
public sealed class PostgresAuthyDbContext(DbContextOptions<PostgresAuthyDbContext> options) : AuthyDbContext(options);

/// <summary>SQLite, the zero-configuration embedded default.</summary>
public sealed class SqliteAuthyDbContext(DbContextOptions<SqliteAuthyDbContext> options) : AuthyDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and cannot compare or order DateTimeOffset text in SQL; a binary (ticks)
        // encoding of UTC times orders correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>A throttle window: see <see cref="Throttling.DatabaseThrottle"/>.</summary>
public sealed class ThrottleCounter
{
    public required string Key { get; set; }

    /// <summary>Unix seconds when the current window started.</summary>
    public long WindowStartedAt { get; set; }

    public int Count { get; set; }
}
