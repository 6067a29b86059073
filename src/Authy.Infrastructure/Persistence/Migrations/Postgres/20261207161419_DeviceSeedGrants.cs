using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeviceSeedGrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "seed_version",
                table: "app_users",
                type: "integer",
                nullable: false,
                defaultValue: 1); // every existing seed is its membership's first

            migrationBuilder.CreateTable(
                name: "device_seed_grants",
                columns: table => new
                {
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    app_user_id = table.Column<long>(type: "bigint", nullable: false),
                    seed_version = table.Column<int>(type: "integer", nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_seed_grants", x => new { x.device_id, x.app_user_id });
                    table.ForeignKey(
                        name: "fk_device_seed_grants_app_users_app_user_id",
                        column: x => x.app_user_id,
                        principalTable: "app_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_device_seed_grants_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_device_seed_grants_app_user_id",
                table: "device_seed_grants",
                column: "app_user_id");

            // Devices that synced before versions were recorded were handed every seed of their user's memberships, as
            // far as anyone can tell: version 0 makes their removal rotate those seeds, and their next sync hand them out
            // again (the client may not have kept them).
            migrationBuilder.Sql("""
                INSERT INTO device_seed_grants (device_id, app_user_id, seed_version, granted_at)
                SELECT d.id, m.id, 0, d.last_synced_at
                FROM devices d
                JOIN app_users m ON m.user_id = d.user_id
                WHERE d.last_synced_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "device_seed_grants");

            migrationBuilder.DropColumn(
                name: "seed_version",
                table: "app_users");
        }
    }
}
