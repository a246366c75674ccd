using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HeldReservationsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inventory_reservations_status_expires_at",
                table: "inventory_reservations");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_expires_at",
                table: "inventory_reservations",
                column: "expires_at",
                filter: "status = 'Held'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inventory_reservations_expires_at",
                table: "inventory_reservations");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_status_expires_at",
                table: "inventory_reservations",
                columns: new[] { "status", "expires_at" });
        }
    }
}
