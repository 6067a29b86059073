using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
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
                type: "bytea",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "settings_one_touch_callback_method",
                table: "applications",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "settings_one_touch_callback_url",
                table: "applications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    app_id = table.Column<int>(type: "integer", nullable: false),
                    app_user_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    details = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    hidden_details = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    logos = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    seconds_to_expire = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    device_id = table.Column<long>(type: "bigint", nullable: true),
                    device_signature = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: true),
                    device_signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
