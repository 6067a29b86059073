using Authy.Application.Verify.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Authy.Infrastructure.Persistence.Configurations;

// The Verify v2 surface's part of the schema, kept apart so the feature's model changes read as one.

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("verify_accounts");
        builder.Property(a => a.Sid).HasMaxLength(34);
        builder.Property(a => a.FriendlyName).HasMaxLength(ManageAccounts.MaxNameLength);
        builder.Property(a => a.AuthTokenHash).HasMaxLength(32);
        // Every Verify request authenticates by this SID.
        builder.HasIndex(a => a.Sid).IsUnique();
    }
}

internal sealed class AccountApiKeyConfiguration : IEntityTypeConfiguration<AccountApiKey>
{
    public void Configure(EntityTypeBuilder<AccountApiKey> builder)
    {
        builder.ToTable("verify_api_keys");
        builder.Property(k => k.Sid).HasMaxLength(34);
        builder.Property(k => k.FriendlyName).HasMaxLength(ManageAccounts.MaxNameLength);
        builder.Property(k => k.SecretHash).HasMaxLength(32);
        builder.HasIndex(k => k.Sid).IsUnique();
        builder.HasIndex(k => k.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
