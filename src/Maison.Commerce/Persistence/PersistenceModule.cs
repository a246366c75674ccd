using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Maison.Commerce.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Reads API.md's configuration keys and registers the one <see cref="CommerceDb"/> for the chosen engine.</summary>
public static class PersistenceModule
{
    public const string ProviderKey = "Maison:Database:Provider";
    public const string ConnectionStringName = "Maison";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey} must be Sqlite or PostgreSQL, not '{value}'.");
    }

    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            throw new InvalidOperationException("ConnectionStrings:Maison is required for PostgreSQL.");
        }
        Directory.CreateDirectory("data");
        return "Data Source=data/maison.db";
    }

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = Provider(configuration);
        var connectionString = ConnectionString(configuration, provider);
        // Pooled (ADR 0009, EF's documented pattern for per-request state): renting a context is a reset, not the
        // construction of a context and its services, which every request touching the database would otherwise pay.
        // The scoped CommerceDb attaches the scope's tenant; a context taken from the factory directly has none, so
        // the tenant filter matches no rows.
        if (provider == DatabaseProvider.PostgreSQL)
        {
            services.AddPooledDbContextFactory<PostgresCommerceDb>(o => ConfigurePostgres(o, connectionString), PoolSize);
            services.AddScoped<CommerceDb>(sp => Rent(sp, sp.GetRequiredService<IDbContextFactory<PostgresCommerceDb>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteCommerceDb>(o => ConfigureSqlite(o, connectionString), PoolSize);
            services.AddScoped<CommerceDb>(sp => Rent(sp, sp.GetRequiredService<IDbContextFactory<SqliteCommerceDb>>()));
        }
        return services;
    }

    /// <summary>More than the requests one process serves at once; a context beyond it is created and disposed as usual.</summary>
    private const int PoolSize = 1024;

    private static CommerceDb Rent<TDb>(IServiceProvider services, IDbContextFactory<TDb> pool) where TDb : CommerceDb
    {
        var db = pool.CreateDbContext();
        db.AttachTenant(services.GetRequiredService<TenantContext>());
        return db;
    }

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(PostgresConnectionString(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", Schemas.Platform))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Npgsql prepares a statement on a pooled connection once it has run a few times there, so PostgreSQL stops parsing
    /// and planning the same hot queries on every request (ADR 0009). A connection string that sets
    /// <c>Max Auto Prepare</c> itself (0 turns it off) wins. This is the string the connections are opened with, hence
    /// the key of their Npgsql pool.
    /// Npgsql also resets every pooled connection on its next open (with prepared statements, a batch of seven
    /// statements: <c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; … DISCARD TEMP</c>), which PostgreSQL parses every
    /// time; ADR 0013 counted it as a fifth of everything PostgreSQL received. Nothing here keeps session state on a
    /// connection (no <c>SET</c>, temp tables, <c>LISTEN</c> or session advisory locks; an open transaction is still
    /// rolled back on close), so <c>No Reset On Close</c> is on unless the connection string says otherwise.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return options
            .UseSqlite(builder.ToString(), sqlite => sqlite.MigrationsHistoryTable("__ef_migrations"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(SqlitePragmas.Instance);
    }

    /// <summary>WAL lets readers run beside the one writer; the busy timeout makes writers queue instead of failing.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}

