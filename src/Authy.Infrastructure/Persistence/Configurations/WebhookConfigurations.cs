using Authy.Application.Apps;
using Authy.Application.Webhooks;
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

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Name).HasMaxLength(CreateWebhook.MaxNameLength);
        builder.Property(w => w.Url).HasMaxLength(CreateWebhook.MaxUrlLength);
        builder.Property(w => w.Events).HasMaxLength(1000);
        builder.Property(w => w.EncryptedSigningKey).HasMaxLength(128);
        // List and event fan-out read one application's webhooks.
        builder.HasIndex(w => w.AppId);
        builder.HasOne<App>().WithMany().HasForeignKey(w => w.AppId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookApiNonceConfiguration : IEntityTypeConfiguration<WebhookApiNonce>
{
    public void Configure(EntityTypeBuilder<WebhookApiNonce> builder)
    {
        builder.ToTable("webhook_api_nonces");
        // The key is what makes a nonce single-use across nodes: a second insert of it fails.
        builder.HasKey(n => new { n.AppId, n.NonceHash });
        builder.Property(n => n.NonceHash).HasMaxLength(32);
        builder.HasIndex(n => n.ExpiresAt);
        builder.HasOne<App>().WithMany().HasForeignKey(n => n.AppId).OnDelete(DeleteBehavior.Cascade);
    }
}
