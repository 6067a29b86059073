using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Nothing on SQLite, which has no fill factor: PostgreSQL's migration of the same name leaves room on app_users
    /// pages for HOT updates. Kept so both providers list the same migrations.
    /// </summary>
    public partial class AppUsersFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
