using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Checkout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checkout_carts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    promotion_code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    checkout_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    checkout_started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    checkout_order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_carts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    tax_inclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    fx_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    subtotal_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    total_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_method = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    promotion_code = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    ship_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ship_line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ship_city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ship_postal_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ship_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    reservation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_token = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    placed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "checkout_cart_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cart_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    seen_price_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_cart_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkout_cart_lines_checkout_carts_cart_id",
                        column: x => x.cart_id,
                        principalTable: "checkout_carts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_order_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    subtotal_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    total_minor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_order_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_order_lines_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkout_cart_lines_cart_id_sku",
                table: "checkout_cart_lines",
                columns: new[] { "cart_id", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checkout_carts_tenant_id_account_id",
                table: "checkout_carts",
                columns: new[] { "tenant_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_order_lines_order_id_position",
                table: "orders_order_lines",
                columns: new[] { "order_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_status_placed_at",
                table: "orders_orders",
                columns: new[] { "status", "placed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_tenant_id_account_id_id",
                table: "orders_orders",
                columns: new[] { "tenant_id", "account_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_tenant_id_number",
                table: "orders_orders",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_tenant_id_status_id",
                table: "orders_orders",
                columns: new[] { "tenant_id", "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkout_cart_lines");

            migrationBuilder.DropTable(
                name: "orders_order_lines");

            migrationBuilder.DropTable(
                name: "checkout_carts");

            migrationBuilder.DropTable(
                name: "orders_orders");
        }
    }
}
