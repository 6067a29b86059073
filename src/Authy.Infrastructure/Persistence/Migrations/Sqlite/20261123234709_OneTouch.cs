using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneTouch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "encrypted_api_key",
                table: "applications",
                type: "BLOB",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "settings_one_touch_callback_method",
                table: "applications",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "settings_one_touch_callback_url",
                table: "applications",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    app_id = table.Column<int>(type: "INTEGER", nullable: false),
                    app_user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    details = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    hidden_details = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    logos = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    seconds_to_expire = table.Column<int>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    device_id = table.Column<long>(type: "INTEGER", nullable: true),
                    device_signature = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: true),
                    device_signed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_approval_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_approval_requests_app_users_app_user_id",
                        column: x => x.app_user_id,
                        principalTable: "app_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_app_user_id",
                table: "approval_requests",
                column: "app_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_user_id_status",
                table: "approval_requests",
                columns: new[] { "user_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropColumn(
                name: "encrypted_api_key",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_one_touch_callback_method",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_one_touch_callback_url",
                table: "applications");
        }
    }
}
