using Authy.Application.Apps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Authy.Infrastructure.Persistence.Configurations;

// The Webhooks API's part of the schema, kept apart from Configurations.cs so the feature's model changes read as one.

/// <summary>The dashboard keys' columns on <c>applications</c> (the rest of the table is <see cref="AppConfiguration"/>).</summary>
internal sealed class AppDashboardKeysConfiguration : IEntityTypeConfiguration<App>
{
    public void Configure(EntityTypeBuilder<App> builder)
    {
        builder.Property(a => a.AccessKeyHash).HasMaxLength(32);
        builder.Property(a => a.AccessKeyHint).HasMaxLength(8);
        builder.Property(a => a.EncryptedApiSigningKey).HasMaxLength(128);
    }
}
