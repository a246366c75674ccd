using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class HeldReservationsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The expiry job's index holds only what is held (ADR 0020): a commit or a release then adds no entry to it, and
            // it does not grow with every reservation ever made. Built before the old one goes, both CONCURRENTLY, outside
            // the migration's transaction: every checkout writes this table, and a plain CREATE or DROP INDEX would hold
            // them all. The version before this one finds its held reservations on the new index as well.
            migrationBuilder.Sql("""
                CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_reservations_expires_at ON inventory.reservations (expires_at)
                WHERE status = 'Held'
                """, suppressTransaction: true);
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS inventory.ix_reservations_status_expires_at", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_reservations_status_expires_at ON inventory.reservations (status, expires_at)
                """, suppressTransaction: true);
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS inventory.ix_reservations_expires_at", suppressTransaction: true);
        }
    }
}
