using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "claimed_by",
                table: "platform_outbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "integrations_webhook_deliveries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subscription_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    claimed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integrations_webhook_deliveries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "integrations_webhook_subscriptions",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    events = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integrations_webhook_subscriptions", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "platform_dead_letters",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    clr_type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    handler = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    failed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    replayed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_dead_letters", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "platform_inbox",
                columns: table => new
                {
                    handler = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_inbox", x => new { x.handler, x.message_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_outbox_messages_claimed_by",
                table: "platform_outbox_messages",
                column: "claimed_by");

            migrationBuilder.CreateIndex(
                name: "ix_integrations_webhook_deliveries_claimed_by",
                table: "integrations_webhook_deliveries",
                column: "claimed_by");

            migrationBuilder.CreateIndex(
                name: "ix_integrations_webhook_deliveries_id",
                table: "integrations_webhook_deliveries",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_integrations_webhook_deliveries_status_next_attempt_at",
                table: "integrations_webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_integrations_webhook_deliveries_subscription_id_event_id",
                table: "integrations_webhook_deliveries",
                columns: new[] { "subscription_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_integrations_webhook_subscriptions_id",
                table: "integrations_webhook_subscriptions",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_integrations_webhook_subscriptions_tenant_id",
                table: "integrations_webhook_subscriptions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_dead_letters_id",
                table: "platform_dead_letters",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_dead_letters_message_id",
                table: "platform_dead_letters",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbox_processed_at",
                table: "platform_inbox",
                column: "processed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integrations_webhook_deliveries");

            migrationBuilder.DropTable(
                name: "integrations_webhook_subscriptions");

            migrationBuilder.DropTable(
                name: "platform_dead_letters");

            migrationBuilder.DropTable(
                name: "platform_inbox");

            migrationBuilder.DropIndex(
                name: "ix_platform_outbox_messages_claimed_by",
                table: "platform_outbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "platform_outbox_messages");
        }
    }
}
