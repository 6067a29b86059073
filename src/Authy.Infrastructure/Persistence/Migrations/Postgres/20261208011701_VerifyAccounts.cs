using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Authy.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerifyAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "verify_accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    friendly_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    auth_token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verify_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "verify_api_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    friendly_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verify_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_verify_api_keys_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "verify_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_verify_accounts_sid",
                table: "verify_accounts",
                column: "sid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_verify_api_keys_account_id",
                table: "verify_api_keys",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_verify_api_keys_sid",
                table: "verify_api_keys",
                column: "sid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "verify_api_keys");

            migrationBuilder.DropTable(
                name: "verify_accounts");
        }
    }
}
