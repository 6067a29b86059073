using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Three application settings (existing applications get the defaults: action_message allowed, QR codes within
    /// one step, lenient phone numbers) and the server_state table, which holds the master key's check value.
    /// </summary>
    public partial class HardeningSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "settings_action_message_allowed",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "settings_generic_token_window_steps",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "settings_strict_phone_numbers",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "server_state",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_server_state", x => x.key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "server_state");

            migrationBuilder.DropColumn(
                name: "settings_action_message_allowed",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_generic_token_window_steps",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_strict_phone_numbers",
                table: "applications");
        }
    }
}
