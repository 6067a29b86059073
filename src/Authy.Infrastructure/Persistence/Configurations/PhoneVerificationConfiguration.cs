using Authy.Application.Apps;
using Authy.Application.Phones.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Authy.Infrastructure.Persistence.Configurations;

internal sealed class PhoneVerificationConfiguration : IEntityTypeConfiguration<PhoneVerification>
{
    public void Configure(EntityTypeBuilder<PhoneVerification> builder)
    {
        builder.ToTable("phone_verifications");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.PhoneNumber).HasMaxLength(20);
        builder.Property(v => v.Via).HasMaxLength(8);
        builder.Property(v => v.CodeHash).HasMaxLength(32);
        builder.Property(v => v.EncryptedCode).HasMaxLength(128);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        // start, check and status all look up an application's newest verification of a number.
        builder.HasIndex(v => new { v.AppId, v.CountryCode, v.PhoneNumber, v.CreatedAt });
        builder.HasOne<App>().WithMany().HasForeignKey(v => v.AppId).OnDelete(DeleteBehavior.Cascade);
    }
}
