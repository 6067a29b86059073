using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "access_key_hash",
                table: "applications",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "access_key_hint",
                table: "applications",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "encrypted_api_signing_key",
                table: "applications",
                type: "bytea",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "webhook_api_nonces",
                columns: table => new
                {
                    app_id = table.Column<int>(type: "integer", nullable: false),
                    nonce_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_api_nonces", x => new { x.app_id, x.nonce_hash });
                    table.ForeignKey(
                        name: "fk_webhook_api_nonces_applications_app_id",
                        column: x => x.app_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhooks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    app_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    events = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    encrypted_signing_key = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhooks", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhooks_applications_app_id",
                        column: x => x.app_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_api_nonces_expires_at",
                table: "webhook_api_nonces",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhooks_app_id",
                table: "webhooks",
                column: "app_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_api_nonces");

            migrationBuilder.DropTable(
                name: "webhooks");

            migrationBuilder.DropColumn(
                name: "access_key_hash",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "access_key_hint",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "encrypted_api_signing_key",
                table: "applications");
        }
    }
}
