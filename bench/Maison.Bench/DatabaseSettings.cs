using Npgsql;

namespace Maison.Bench;

/// <summary>
/// The line printed above the results table when a run has <c>--pg</c>: the PostgreSQL version and its durability
/// settings. A raw-SQL side commits once per operation and the server's batches once per batch, so whether a commit
/// waits for the disk changes what a ratio means; the table must say which it was (ADR 0030).
/// </summary>
public static class DatabaseSettings
{
    public static async Task<string?> DescribeAsync(BenchOptions options)
    {
        if (!options.Extra.TryGetValue("pg", out var pg)) return null;
        try
        {
            await using var source = NpgsqlDataSource.Create(pg);
            await using var command = source.CreateCommand(
                "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var durable = reader.GetString(1) == "on" && reader.GetString(2) != "off";
            return $"database: PostgreSQL {reader.GetString(0)}, fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, " +
                $"full_page_writes {reader.GetString(3)} ({(durable ? "durable: a commit waits for the disk" : "not durable: a commit does not wait for the disk")})";
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return $"database: settings not readable ({e.Message})";
        }
    }
}
