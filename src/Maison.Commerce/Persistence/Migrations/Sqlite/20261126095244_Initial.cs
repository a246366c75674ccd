using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "integrations_partners",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    brand = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integrations_partners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_idempotency_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: false),
                    response_status = table.Column<int>(type: "INTEGER", nullable: false),
                    response_content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    response_body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    response_location = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_idempotency_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    brand = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    display_prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_refresh_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    default_currency = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    currencies = table.Column<string>(type: "TEXT", nullable: false),
                    return_window_days = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_tenants", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_integrations_partners_tenant_id_code",
                table: "integrations_partners",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_records_expires_at",
                table: "platform_idempotency_records",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_records_scope_key",
                table: "platform_idempotency_records",
                columns: new[] { "scope", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_accounts_tenant_id_email",
                table: "tenancy_accounts",
                columns: new[] { "tenant_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_api_keys_key_hash",
                table: "tenancy_api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_refresh_tokens_family_id",
                table: "tenancy_refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_refresh_tokens_token_hash",
                table: "tenancy_refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_slug",
                table: "tenancy_tenants",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integrations_partners");

            migrationBuilder.DropTable(
                name: "platform_idempotency_records");

            migrationBuilder.DropTable(
                name: "tenancy_accounts");

            migrationBuilder.DropTable(
                name: "tenancy_api_keys");

            migrationBuilder.DropTable(
                name: "tenancy_refresh_tokens");

            migrationBuilder.DropTable(
                name: "tenancy_tenants");
        }
    }
}
