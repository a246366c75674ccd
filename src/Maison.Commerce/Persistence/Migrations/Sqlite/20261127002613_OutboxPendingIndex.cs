using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_platform_outbox_messages_claimed_by",
                table: "platform_outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_platform_outbox_messages_sequence",
                table: "platform_outbox_messages",
                column: "sequence",
                filter: "processed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_platform_outbox_messages_sequence",
                table: "platform_outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_platform_outbox_messages_claimed_by",
                table: "platform_outbox_messages",
                column: "claimed_by");
        }
    }
}
