using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maison.Commerce.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Guards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A batch's guard (SqlBatch.AddGuard, ADR 0018): raises when a condition the rest of the batch relies on does
            // not hold, so PostgreSQL skips the remaining statements and the transaction is aborted there and then.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION platform.require(ok boolean, code text) RETURNS boolean
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF ok IS NOT TRUE THEN
                        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code;
                    END IF;
                    RETURN TRUE;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS platform.require(boolean, text);");
        }
    }
}
