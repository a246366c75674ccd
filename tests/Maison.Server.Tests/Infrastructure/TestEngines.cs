using Maison.Commerce.Persistence;
using Npgsql;

namespace Maison.Server.Tests.Infrastructure;

/// <summary>
/// The engines a test run uses, from the environment that scripts/test.sh sets: MAISON_TEST_PROVIDER (Sqlite or
/// PostgreSQL), MAISON_TEST_PG, MAISON_TEST_REDIS, MAISON_TEST_RABBITMQ. Asking for an engine that is not there fails
/// the test: a missing engine must never turn into a silent pass.
/// </summary>
public static class TestEngines
{
    /// <summary>
    /// Tests that bring their own engine whatever the provider under test (RabbitMQ runs only with PostgreSQL; statements
    /// only PostgreSQL runs) carry this trait (RabbitMQ, PostgreSQL); scripts/test.sh runs them once, in the PostgreSQL pass, instead of twice identically.
    /// </summary>
    public const string EngineTrait = "Engine";

    public static DatabaseProvider Provider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("MAISON_TEST_PROVIDER"), ignoreCase: true, out var p)
            ? p
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.PostgreSQL;

    public static string PostgresAdmin => Required("MAISON_TEST_PG", "PostgreSQL");

    public static string Redis => Required("MAISON_TEST_REDIS", "Redis");

    public static string RabbitMq => Required("MAISON_TEST_RABBITMQ", "RabbitMQ");

    /// <summary>A new, empty database for one fixture; returns its connection string.</summary>
    public static Task<string> CreateDatabaseAsync(string label) => CreateDatabaseAsync(label, IsPostgres);

    /// <summary>A new PostgreSQL database whatever the provider under test (for PostgreSQL-only pairings such as RabbitMQ).</summary>
    public static Task<string> CreatePostgresDatabaseAsync(string label) => CreateDatabaseAsync(label, postgres: true);

    private static async Task<string> CreateDatabaseAsync(string label, bool postgres)
    {
        var name = $"maison_{label}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        if (!postgres)
        {
            var path = Path.Combine(Path.GetTempPath(), "maison-tests", name + ".db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return $"Data Source={path}";
        }
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 200 }.ConnectionString;
    }

    private static string Required(string variable, string engine) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{engine} is not available to this test run ({variable} is not set); run scripts/test.sh.");
}
