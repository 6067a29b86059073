using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Authy.Infrastructure.Persistence.Configurations;

internal sealed class UsageMonthConfiguration : IEntityTypeConfiguration<UsageMonth>
{
    public void Configure(EntityTypeBuilder<UsageMonth> builder)
    {
        // BufferedUsageMeter upserts on this key with raw SQL: keep the table and column names in step with it.
        builder.ToTable("usage_months");
        builder.HasKey(u => new { u.AppId, u.Year, u.Month });
        builder.HasOne<App>().WithMany().HasForeignKey(u => u.AppId).OnDelete(DeleteBehavior.Cascade);
    }
}
