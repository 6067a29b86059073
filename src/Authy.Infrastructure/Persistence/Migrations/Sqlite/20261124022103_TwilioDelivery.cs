using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "delivery_status_at",
                table: "outbox_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_error_code",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "voice_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    encrypted_message = table.Column<byte[]>(type: "BLOB", maxLength: 4096, nullable: false),
                    expected_digit = table.Column<int>(type: "INTEGER", nullable: false),
                    call_sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    code_read_at = table.Column<long>(type: "INTEGER", nullable: true)
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
