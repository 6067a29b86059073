using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SoftTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "settings_generic_tokens_enabled",
                table: "applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "settings_token_sync_enabled",
                table: "applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "device_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    data = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_device_events_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "device_registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    country_code = table.Column<int>(type: "integer", nullable: false),
                    phone_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    via = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_registrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "device_token_uses",
                columns: table => new
                {
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    token_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_token_uses", x => new { x.device_id, x.token_id });
                    table.ForeignKey(
                        name: "fk_device_token_uses_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "generic_secrets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    app_user_id = table.Column<long>(type: "bigint", nullable: false),
                    encrypted_seed = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    last_accepted_step = table.Column<long>(type: "bigint", nullable: true),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    qr_size = table.Column<int>(type: "integer", nullable: false),
                    qr_token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    qr_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_generic_secrets", x => x.id);
                    table.ForeignKey(
                        name: "fk_generic_secrets_app_users_app_user_id",
                        column: x => x.app_user_id,
                        principalTable: "app_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_device_events_device_id_id",
                table: "device_events",
                columns: new[] { "device_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_device_token_uses_expires_at",
                table: "device_token_uses",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_generic_secrets_app_user_id",
                table: "generic_secrets",
                column: "app_user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_generic_secrets_qr_token_hash",
                table: "generic_secrets",
                column: "qr_token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "device_events");

            migrationBuilder.DropTable(
                name: "device_registrations");

            migrationBuilder.DropTable(
                name: "device_token_uses");

            migrationBuilder.DropTable(
                name: "generic_secrets");

            migrationBuilder.DropColumn(
                name: "settings_generic_tokens_enabled",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "settings_token_sync_enabled",
                table: "applications");
        }
    }
}
