using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Maison.Commerce.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's model without a running host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCommerceDb>
{
    public SqliteCommerceDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteCommerceDb>();
        PersistenceModule.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteCommerceDb(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCommerceDb>
{
    public PostgresCommerceDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresCommerceDb>();
        PersistenceModule.ConfigurePostgres(options, "Host=localhost;Database=maison_design");
        return new PostgresCommerceDb(options.Options);
    }
}
