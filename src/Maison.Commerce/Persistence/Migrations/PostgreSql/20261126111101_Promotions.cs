using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "promotions");

            migrationBuilder.CreateTable(
                name: "member_uses",
                schema: "promotions",
                columns: table => new
                {
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uses = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_uses", x => new { x.promotion_id, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "promotions",
                schema: "promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    percent_off_basis_points = table.Column<int>(type: "integer", nullable: true),
                    amount_off_minor = table.Column<long>(type: "bigint", nullable: true),
                    amount_off_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    min_subtotal_minor = table.Column<long>(type: "bigint", nullable: true),
                    min_subtotal_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    usage_limit = table.Column<int>(type: "integer", nullable: true),
                    per_member_limit = table.Column<int>(type: "integer", nullable: true),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    automatic = table.Column<bool>(type: "boolean", nullable: false),
                    brands = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    categories = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    tiers = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "redemptions",
                schema: "promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    redeemed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_redemptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shipping_methods",
                schema: "promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipping_methods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shipping_rates",
                schema: "promotions",
                columns: table => new
                {
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    method_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    free_over_minor = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipping_rates", x => new { x.method_id, x.currency });
                    table.ForeignKey(
                        name: "fk_shipping_rates_shipping_methods_method_id",
                        column: x => x.method_id,
                        principalSchema: "promotions",
                        principalTable: "shipping_methods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_promotions_tenant_id_automatic",
                schema: "promotions",
                table: "promotions",
                columns: new[] { "tenant_id", "automatic" });

            migrationBuilder.CreateIndex(
                name: "ix_promotions_tenant_id_code",
                schema: "promotions",
                table: "promotions",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_redemptions_order_id",
                schema: "promotions",
                table: "redemptions",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_redemptions_promotion_id_order_id",
                schema: "promotions",
                table: "redemptions",
                columns: new[] { "promotion_id", "order_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shipping_methods_tenant_id_code",
                schema: "promotions",
                table: "shipping_methods",
                columns: new[] { "tenant_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_uses",
                schema: "promotions");

            migrationBuilder.DropTable(
                name: "promotions",
                schema: "promotions");

            migrationBuilder.DropTable(
                name: "redemptions",
                schema: "promotions");

            migrationBuilder.DropTable(
                name: "shipping_rates",
                schema: "promotions");

            migrationBuilder.DropTable(
                name: "shipping_methods",
                schema: "promotions");
        }
    }
}
