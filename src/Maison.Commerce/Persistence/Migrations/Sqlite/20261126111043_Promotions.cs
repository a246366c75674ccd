using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "promotions_member_uses",
                columns: table => new
                {
                    promotion_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    uses = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions_member_uses", x => new { x.promotion_id, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "promotions_promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    percent_off_basis_points = table.Column<int>(type: "INTEGER", nullable: true),
                    amount_off_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    amount_off_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    min_subtotal_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    min_subtotal_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    usage_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    per_member_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    uses = table.Column<int>(type: "INTEGER", nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    brands = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    categories = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    tiers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions_promotions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "promotions_redemptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    promotion_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    redeemed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    released_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions_redemptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "promotions_shipping_methods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions_shipping_methods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "promotions_shipping_rates",
                columns: table => new
                {
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    method_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    free_over_minor = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions_shipping_rates", x => new { x.method_id, x.currency });
                    table.ForeignKey(
                        name: "fk_promotions_shipping_rates_promotions_shipping_methods_method_id",
                        column: x => x.method_id,
                        principalTable: "promotions_shipping_methods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_promotions_promotions_tenant_id_automatic",
                table: "promotions_promotions",
                columns: new[] { "tenant_id", "automatic" });

            migrationBuilder.CreateIndex(
                name: "ix_promotions_promotions_tenant_id_code",
                table: "promotions_promotions",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promotions_redemptions_order_id",
                table: "promotions_redemptions",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotions_redemptions_promotion_id_order_id",
                table: "promotions_redemptions",
                columns: new[] { "promotion_id", "order_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promotions_shipping_methods_tenant_id_code",
                table: "promotions_shipping_methods",
                columns: new[] { "tenant_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "promotions_member_uses");

            migrationBuilder.DropTable(
                name: "promotions_promotions");

            migrationBuilder.DropTable(
                name: "promotions_redemptions");

            migrationBuilder.DropTable(
                name: "promotions_shipping_rates");

            migrationBuilder.DropTable(
                name: "promotions_shipping_methods");
        }
    }
}
