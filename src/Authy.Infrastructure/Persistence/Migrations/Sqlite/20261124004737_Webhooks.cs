using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "access_key_hint",
                table: "applications",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "encrypted_api_signing_key",
                table: "applications",
                type: "BLOB",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
