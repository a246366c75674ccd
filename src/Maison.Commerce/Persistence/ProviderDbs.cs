using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Persistence;

/// <summary>The SQLite flavour of <see cref="CommerceDb"/>; its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteCommerceDb(DbContextOptions<SqliteCommerceDb> options) : CommerceDb(options)
{
    protected override bool UsesSchemas => false;

    public override bool IsPostgres => false;
}

/// <summary>The PostgreSQL flavour of <see cref="CommerceDb"/>; its migrations live in Persistence/Migrations/PostgreSql.</summary>
public sealed class PostgresCommerceDb(DbContextOptions<PostgresCommerceDb> options) : CommerceDb(options)
{
    protected override bool UsesSchemas => true;

    public override bool IsPostgres => true;
}
