using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Membership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "membership_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    max_uses = table.Column<int>(type: "INTEGER", nullable: false),
                    uses = table.Column<int>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membership_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    applied_at = table.Column<long>(type: "INTEGER", nullable: false),
                    invitation_code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    plan = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    tier = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    tier_rank = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    grace_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_renewal_attempt_at = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_token = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membership_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    tier = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    tier_rank = table.Column<int>(type: "INTEGER", nullable: false),
                    fee_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    interval = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    captured_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_capture_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_refund_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    capture_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    refund_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    gateway_reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    decline_code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_payments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_membership_invitations_tenant_id_code",
                table: "membership_invitations",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_membership_members_status_expires_at",
                table: "membership_members",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_membership_members_tenant_id_account_id",
                table: "membership_members",
                columns: new[] { "tenant_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_membership_members_tenant_id_status_applied_at",
                table: "membership_members",
                columns: new[] { "tenant_id", "status", "applied_at" });

            migrationBuilder.CreateIndex(
                name: "ix_membership_plans_tenant_id_code",
                table: "membership_plans",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_status_updated_at",
                table: "payments_payments",
                columns: new[] { "status", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_tenant_id_reference",
                table: "payments_payments",
                columns: new[] { "tenant_id", "reference" },
                unique: true,
                filter: "status <> 'Failed' AND status <> 'Voided'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "membership_invitations");

            migrationBuilder.DropTable(
                name: "membership_members");

            migrationBuilder.DropTable(
                name: "membership_plans");

            migrationBuilder.DropTable(
                name: "payments_payments");
        }
    }
}
