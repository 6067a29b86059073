using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TwilioDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "delivery_status",
                table: "outbox_messages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "delivery_status_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_error_code",
                table: "outbox_messages",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "voice_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    encrypted_message = table.Column<byte[]>(type: "bytea", maxLength: 4096, nullable: false),
                    expected_digit = table.Column<int>(type: "integer", nullable: false),
                    call_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    code_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_voice_calls", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_provider_message_id",
                table: "outbox_messages",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_voice_calls_call_sid",
                table: "voice_calls",
                column: "call_sid");

            migrationBuilder.CreateIndex(
                name: "ix_voice_calls_expires_at",
                table: "voice_calls",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_voice_calls_token_hash",
                table: "voice_calls",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_calls");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_provider_message_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "delivery_status",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "delivery_status_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "provider_error_code",
                table: "outbox_messages");
        }
    }
}
