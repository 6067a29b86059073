using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Authy.Infrastructure.Persistence.Configurations;

/// <summary>
/// The delivery-status columns of <c>outbox_messages</c> (the rest is in <see cref="OutboxMessageConfiguration"/>):
/// kept apart so the Twilio migration stays separable.
/// </summary>
internal sealed class OutboxDeliveryStatusConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.DeliveryStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ProviderErrorCode).HasMaxLength(20);
        // Status callbacks find their row by the provider's id (Twilio's SM…/CA… sid).
        builder.HasIndex(m => m.ProviderMessageId);
    }
}

internal sealed class TwilioVoiceCallConfiguration : IEntityTypeConfiguration<TwilioVoiceCall>
{
    public void Configure(EntityTypeBuilder<TwilioVoiceCall> builder)
    {
        builder.ToTable("voice_calls");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.TokenHash).HasMaxLength(32);
        builder.Property(c => c.EncryptedMessage).HasMaxLength(4096);
        builder.Property(c => c.CallSid).HasMaxLength(64);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.HasIndex(c => c.CallSid);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
