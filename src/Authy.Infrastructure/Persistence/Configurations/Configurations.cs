using Authy.Application.Activities;
using Authy.Application.Apps;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.Observability;
using Authy.Application.OneTouch;
using Authy.Application.Secrets;
using Authy.Application.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Authy.Infrastructure.Persistence.Configurations;

internal sealed class AppConfiguration : IEntityTypeConfiguration<App>
{
    public void Configure(EntityTypeBuilder<App> builder)
    {
        builder.ToTable("applications");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.ApiKeyHash).HasMaxLength(32);
        builder.Property(a => a.ApiKeyHint).HasMaxLength(8);
        builder.HasIndex(a => a.ApiKeyHash).IsUnique();
        builder.Property(a => a.EncryptedApiKey).HasMaxLength(128);
        builder.ComplexProperty(a => a.Settings, settings =>
        {
            settings.Property(s => s.UnregisteredUsers).HasConversion<string>().HasMaxLength(32);
            settings.Property(s => s.OneTouchCallbackUrl).HasMaxLength(2000);
            settings.Property(s => s.OneTouchCallbackMethod).HasMaxLength(8);
        });
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.PhoneNumber).HasMaxLength(20);
        builder.HasIndex(u => new { u.CountryCode, u.PhoneNumber }).IsUnique();
        builder.HasMany(u => u.Devices).WithOne().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.ToTable("app_users");
        builder.Property(m => m.Email).HasMaxLength(254);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.EncryptedSeed).HasMaxLength(128);
        builder.HasIndex(m => new { m.AppId, m.UserId }).IsUnique();
        builder.HasOne(m => m.App).WithMany().HasForeignKey(m => m.AppId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.ToTable("devices");
        builder.Property(d => d.OsType).HasMaxLength(32);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.RegistrationMethod).HasMaxLength(16);
        builder.Property(d => d.PublicKey).HasMaxLength(256);
        // A user's latest device (verify's read, ADR 0017) is the last entry of its user in this index, read without
        // touching the table; it also serves the user_id foreign key, in place of an index on user_id alone.
        builder.HasIndex(d => new { d.UserId, d.Id });
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.Property(a => a.Type).HasMaxLength(32);
        builder.Property(a => a.UserIp).HasMaxLength(64);
        builder.Property(a => a.Data).HasMaxLength(8192);
        builder.HasIndex(a => new { a.AppId, a.UserId, a.CreatedAt });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.MaskedDestination).HasMaxLength(254);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.Provider).HasMaxLength(50);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // The dispatcher's claim query: pending rows due now, oldest first.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.CreatedAt);
        builder.Property(m => m.CorrelationId).HasMaxLength(Correlation.MaxLength);
    }
}

internal sealed class ThrottleCounterConfiguration : IEntityTypeConfiguration<ThrottleCounter>
{
    public void Configure(EntityTypeBuilder<ThrottleCounter> builder)
    {
        builder.ToTable("throttle_counters");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(200);
    }
}

internal sealed class ServerStateConfiguration : IEntityTypeConfiguration<ServerState>
{
    public void Configure(EntityTypeBuilder<ServerState> builder)
    {
        builder.ToTable("server_state");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(2000);
    }
}

internal sealed class GenericSecretConfiguration : IEntityTypeConfiguration<GenericSecret>
{
    public void Configure(EntityTypeBuilder<GenericSecret> builder)
    {
        builder.ToTable("generic_secrets");
        builder.Property(g => g.EncryptedSeed).HasMaxLength(128);
        builder.Property(g => g.Label).HasMaxLength(200);
        builder.Property(g => g.QrTokenHash).HasMaxLength(32);
        // One active secret per member: a new one replaces the row.
        builder.HasIndex(g => g.AppUserId).IsUnique();
        builder.HasIndex(g => g.QrTokenHash).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.AppUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeviceRegistrationConfiguration : IEntityTypeConfiguration<DeviceRegistration>
{
    public void Configure(EntityTypeBuilder<DeviceRegistration> builder)
    {
        builder.ToTable("device_registrations");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.PhoneNumber).HasMaxLength(20);
        builder.Property(r => r.Via).HasMaxLength(8);
        builder.Property(r => r.CodeHash).HasMaxLength(32);
    }
}

internal sealed class DeviceEventConfiguration : IEntityTypeConfiguration<DeviceEvent>
{
    public void Configure(EntityTypeBuilder<DeviceEvent> builder)
    {
        builder.ToTable("device_events");
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Data).HasMaxLength(16384);
        // A reconnecting stream asks for this device's events after the last id it saw.
        builder.HasIndex(e => new { e.DeviceId, e.Id });
        builder.HasOne<Device>().WithMany().HasForeignKey(e => e.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeviceTokenUseConfiguration : IEntityTypeConfiguration<DeviceTokenUse>
{
    public void Configure(EntityTypeBuilder<DeviceTokenUse> builder)
    {
        builder.ToTable("device_token_uses");
        builder.HasKey(u => new { u.DeviceId, u.TokenId });
        builder.Property(u => u.TokenId).HasMaxLength(64);
        builder.HasIndex(u => u.ExpiresAt);
        builder.HasOne<Device>().WithMany().HasForeignKey(u => u.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeviceSeedGrantConfiguration : IEntityTypeConfiguration<DeviceSeedGrant>
{
    public void Configure(EntityTypeBuilder<DeviceSeedGrant> builder)
    {
        builder.ToTable("device_seed_grants");
        builder.HasKey(g => new { g.DeviceId, g.AppUserId });
        // Both go with their device or membership; a removal reads the device's grants before its delete cascades.
        builder.HasOne<Device>().WithMany().HasForeignKey(g => g.DeviceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.AppUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("approval_requests");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Message).HasMaxLength(1000);
        builder.Property(r => r.Details).HasMaxLength(16384);
        builder.Property(r => r.HiddenDetails).HasMaxLength(16384);
        builder.Property(r => r.Logos).HasMaxLength(8192);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.DeviceSignature).HasMaxLength(128);
        // A device lists its user's pending requests.
        builder.HasIndex(r => new { r.UserId, r.Status });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.AppUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
