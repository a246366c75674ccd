using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Maison.Commerce.Platform;

/// <summary>
/// A plain read on PostgreSQL's hot path (ADR 0018): one Npgsql command on the context's pooled connection, in its
/// transaction if it has one, the rows handed to the caller as they come. EF's LINQ pipeline (building, parameter
/// extraction and cache lookup of the expression on every call) cost the checkout more CPU than the statements it sends.
/// Lists go as one scalar parameter each (<see cref="Placeholders"/>): PostgreSQL plans an array parameter afresh on
/// every call (ADR 0017). Each module writes only its own tables' SQL.
/// </summary>
public static class SqlRead
{
    /// <summary>The longest list sent as scalar parameters; longer lists take the caller's general path.</summary>
    public const int MaxListParameters = 32;

    /// <summary><c>$first, $first+1, …</c>: <paramref name="count"/> positional parameters from <paramref name="first"/> on.</summary>
    public static string Placeholders(int first, int count)
    {
        if (count is < 1 or > MaxListParameters) throw new ArgumentOutOfRangeException(nameof(count));
        return string.Join(", ", Enumerable.Range(first, count).Select(i => "$" + i));
    }

    /// <summary>Runs <paramref name="sql"/> with the parameters <paramref name="bind"/> adds, and hands every row to <paramref name="row"/>.</summary>
    public static async Task ReadAsync(CommerceDb db, string sql, Action<NpgsqlParameterCollection> bind, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(),
                db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
            bind(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) row(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
