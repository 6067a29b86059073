using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Leaves 10% of each app_users page free, so the update every successful verify makes (the last accepted step)
    /// fits on the row's own page as a HOT update and writes no index entry. With full pages (a large, bulk-loaded
    /// table) bench/ measured 0% HOT updates at 1,000,000 users against 97% at 1,000. Applies to pages written from now
    /// on; `VACUUM FULL app_users` rewrites the existing ones.
    /// </summary>
    public partial class AppUsersFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE app_users SET (fillfactor = 90);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE app_users RESET (fillfactor);");
        }
    }
}
