using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PhoneVerificationAndUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "settings_max_phone_verification_checks",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "settings_max_phone_verification_sends",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<bool>(
                name: "settings_phone_verification_custom_code_allowed",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "settings_phone_verification_custom_message_allowed",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "settings_phone_verification_seconds",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 600);

            migrationBuilder.AddColumn<int>(
                name: "settings_phone_verification_send_window_seconds",
                table: "applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 600);

            migrationBuilder.CreateTable(
                name: "phone_verifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    app_id = table.Column<int>(type: "INTEGER", nullable: false),
                    country_code = table.Column<int>(type: "INTEGER", nullable: false),
                    phone_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    via = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    code_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    encrypted_code = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    failed_checks = table.Column<int>(type: "INTEGER", nullable: false),
                    sends = table.Column<int>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    verified_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_verifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_phone_verifications_applications_app_id",
                        column: x => x.app_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "usage_months",
                columns: table => new
                {
                    app_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    api_calls_count = table.Column<long>(type: "INTEGER", nullable: false),
                    auths_count = table.Column<long>(type: "INTEGER", nullable: false),
                    sms_count = table.Column<long>(type: "INTEGER", nullable: false),
                    calls_count = table.Column<long>(type: "INTEGER", nullable: false),
                    users_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_months", x => new { x.app_id, x.year, x.month });
                    table.ForeignKey(
                        name: "fk_usage_months_applications_app_id",
                        column: x => x.app_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_phone_verifications_app_id_country_code_phone_number_created_at",
                table: "phone_verifications",
                columns: new[] { "app_id", "country_code", "phone_number", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "phone_verifications");

            migrationBuilder.DropTable(
                name: "usage_months");

            migrationBuilder.DropColumn(
                name: "settings_max_phone_verification_checks",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_max_phone_verification_sends",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_phone_verification_custom_code_allowed",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_phone_verification_custom_message_allowed",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_phone_verification_seconds",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_phone_verification_send_window_seconds",
                table: "applications");
        }
    }
}
