using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OutboxPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The relay's claim reads the pending messages in order on a partial index (ADR 0019); the index on claimed_by
            // goes, so the claim's update stays heap-only. Both CONCURRENTLY, outside the migration's transaction: every
            // checkout inserts into the outbox, and a plain CREATE or DROP INDEX would hold them all for the duration.
            // The version before this one still runs correctly without the dropped index (its read-back scans instead).
            migrationBuilder.Sql("""
                CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_outbox_messages_sequence ON platform.outbox_messages (sequence)
                WHERE processed_at IS NULL
                """, suppressTransaction: true);
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS platform.ix_outbox_messages_claimed_by", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_outbox_messages_claimed_by ON platform.outbox_messages (claimed_by)",
                suppressTransaction: true);
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS platform.ix_outbox_messages_sequence", suppressTransaction: true);
        }
    }
}
