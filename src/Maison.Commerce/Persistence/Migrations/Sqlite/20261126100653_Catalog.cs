using System;
using Maison.Commerce.Catalog.Storefront;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_brands",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_brands", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_categories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_collections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    available_from = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    products = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_collections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    brand_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    categories = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    media = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pricing_fx_rates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    set_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_fx_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pricing_price_lists",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    base_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    rounding_mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    rounding_step_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: true),
                    published_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_price_lists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pricing_prices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    compare_at_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_prices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pricing_tax_rates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    rate_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    tax_inclusive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_tax_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_variants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    options = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    size = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    colour = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_variants", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_variants_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_brands_tenant_id_slug",
                table: "catalog_brands",
                columns: new[] { "tenant_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_categories_tenant_id_slug",
                table: "catalog_categories",
                columns: new[] { "tenant_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_collections_tenant_id_slug",
                table: "catalog_collections",
                columns: new[] { "tenant_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_tenant_id_slug",
                table: "catalog_products",
                columns: new[] { "tenant_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_tenant_id_status",
                table: "catalog_products",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_variants_product_id",
                table: "catalog_variants",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_variants_tenant_id_sku",
                table: "catalog_variants",
                columns: new[] { "tenant_id", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pricing_fx_rates_tenant_id_from_to_set_at",
                table: "pricing_fx_rates",
                columns: new[] { "tenant_id", "from", "to", "set_at" });

            migrationBuilder.CreateIndex(
                name: "ix_pricing_price_lists_tenant_id_currency",
                table: "pricing_price_lists",
                columns: new[] { "tenant_id", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pricing_prices_tenant_id_currency_sku",
                table: "pricing_prices",
                columns: new[] { "tenant_id", "currency", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pricing_prices_tenant_id_sku",
                table: "pricing_prices",
                columns: new[] { "tenant_id", "sku" });

            migrationBuilder.CreateIndex(
                name: "ix_pricing_tax_rates_tenant_id_country",
                table: "pricing_tax_rates",
                columns: new[] { "tenant_id", "country" },
                unique: true);

            // Full-text search: hand-written, carry over when regenerating (Catalog/Storefront/CatalogSearchSql.cs).
            migrationBuilder.Sql(CatalogSearchSql.SqliteUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CatalogSearchSql.SqliteDown);

            migrationBuilder.DropTable(
                name: "catalog_brands");

            migrationBuilder.DropTable(
                name: "catalog_categories");

            migrationBuilder.DropTable(
                name: "catalog_collections");

            migrationBuilder.DropTable(
                name: "catalog_variants");

            migrationBuilder.DropTable(
                name: "pricing_fx_rates");

            migrationBuilder.DropTable(
                name: "pricing_price_lists");

            migrationBuilder.DropTable(
                name: "pricing_prices");

            migrationBuilder.DropTable(
                name: "pricing_tax_rates");

            migrationBuilder.DropTable(
                name: "catalog_products");
        }
    }
}
