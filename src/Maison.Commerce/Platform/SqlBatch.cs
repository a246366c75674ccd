using System.Collections.Concurrent;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Maison.Commerce.Platform;

/// <summary>
/// Plain statements that several modules add to one unit of work on PostgreSQL and that travel in ONE round trip on the
/// context's connection (ADR 0015): Checkout's saga hands one batch to Inventory, Orders and Payments instead of one EF
/// save each. It runs in the caller's transaction if there is one; otherwise the batch is its own transaction
/// (PostgreSQL runs the statements before the protocol's one Sync as one implicit transaction: all or nothing). A
/// statement may say how many rows it must touch, or a guard what must hold: both are checked in the database
/// (<c>platform.require</c>, ADR 0018), which stops the batch at the first broken one, and the batch throws what that
/// one named. Each module writes only its own tables' SQL; <see cref="AddOutbox"/> turns the messages published into
/// the context so far into inserts. SQLite keeps EF's saves: a batch is for the PostgreSQL path only.
/// </summary>
public sealed class SqlBatch
{
    private readonly List<NpgsqlBatchCommand> _commands = [];
    private readonly Dictionary<string, Func<Exception>> _guards = new(StringComparer.Ordinal);
    private Action<NpgsqlDataReader>? _firstRows;

    /// <summary>A guarded statement's text → its guard's name and its text with the name in it; built once per text.</summary>
    private static readonly ConcurrentDictionary<string, (string Name, string Sql)> GuardedTexts = new(StringComparer.Ordinal);

    private const string GuardName = "<guard>";

    public int Count => _commands.Count;

    /// <summary>Adds a statement with positional parameters (<c>$1</c>, <c>$2</c>, …); null is sent as SQL NULL.</summary>
    public SqlBatch Add(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        _commands.Add(command);
        return this;
    }

    /// <summary>
    /// Adds a statement (one plain <c>INSERT</c>, <c>UPDATE</c> or <c>DELETE</c>, without <c>RETURNING</c>) that must touch
    /// exactly <paramref name="rows"/> rows, or the batch throws <paramref name="otherwise"/>. The count is checked in the
    /// database, as a guard (<see cref="AddGuard"/>): a batch without a transaction of the caller's is then still all or
    /// nothing (ADR 0018).
    /// </summary>
    public SqlBatch AddExpecting(int rows, Func<Exception> otherwise, string sql, params object?[] values) =>
        Guarded($"WITH touched AS ({sql} RETURNING 1) SELECT platform.require(count(*) = {rows}, '{GuardName}') FROM touched", otherwise, values);

    /// <summary>
    /// Adds a guard (ADR 0018): <paramref name="condition"/>, a boolean SQL expression, must hold when the batch reaches it.
    /// If it does not, the database raises there (<c>platform.require</c>), skips the statements after it and aborts the
    /// transaction, and the batch throws <paramref name="otherwise"/>: what follows is never run for nothing.
    /// </summary>
    public SqlBatch AddGuard(Func<Exception> otherwise, string condition, params object?[] values) =>
        Guarded($"SELECT platform.require({condition}, '{GuardName}')", otherwise, values);

    /// <summary>
    /// A statement whose guard raises a message naming it, so the error says which guard stopped the batch. The name comes
    /// from the statement's text, not its position: the text stays the same from call to call (Npgsql prepares it once)
    /// and survives <see cref="Append"/>.
    /// </summary>
    private SqlBatch Guarded(string format, Func<Exception> otherwise, object?[] values)
    {
        var (name, sql) = GuardedTexts.GetOrAdd(format, static f =>
        {
            var hash = 2166136261u;
            foreach (var c in f) hash = (hash ^ c) * 16777619u;
            var name = $"guard {hash:x8}";
            return (name, f.Replace(GuardName, name, StringComparison.Ordinal));
        });
        _guards[name] = otherwise;
        return Add(sql, values);
    }

    /// <summary>Moves the statements of <paramref name="other"/> to the end of this batch.</summary>
    public SqlBatch Append(SqlBatch other)
    {
        if (other._firstRows is not null) throw new InvalidOperationException("A batch with a statement that answers rows cannot follow another.");
        _commands.AddRange(other._commands);
        foreach (var (name, guard) in other._guards) _guards[name] = guard;
        other._commands.Clear();
        other._guards.Clear();
        return this;
    }

    /// <summary>
    /// Adds, as the batch's FIRST statement, one that answers rows: each goes to <paramref name="row"/> as it is read. What
    /// the rest of the batch relies on is the following guard's to require. The parameters are typed by the caller, so the
    /// prepared form never changes.
    /// </summary>
    public SqlBatch AddReading(Action<NpgsqlDataReader> row, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        if (_commands.Count > 0) throw new InvalidOperationException("A statement that answers rows goes first in its batch.");
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        _commands.Add(command);
        _firstRows = row;
        return this;
    }

    /// <summary>
    /// One statement on its own, in the context's transaction if it has one, on its pooled connection; answers the rows it
    /// touched (for statements whose count decides, like an <c>INSERT … ON CONFLICT DO NOTHING</c> claim).
    /// </summary>
    public static async Task<int> ExecuteOneAsync(CommerceDb db, string sql, CancellationToken ct, params object?[] values)
        => await new SqlBatch().Add(sql, values).ExecuteAsync(db, ct);

    /// <summary>
    /// Moves the outbox messages published into <paramref name="db"/> and not saved yet into this batch (they leave the
    /// change tracker), so they commit with the batch's other statements.
    /// </summary>
    public SqlBatch AddOutbox(CommerceDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
        {
            var m = entry.Entity;
            Add("""
                INSERT INTO platform.outbox_messages (id, tenant_id, type, clr_type, payload, occurred_at, next_attempt_at, attempts)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 0)
                """, m.Id, m.TenantId, m.Type, m.ClrType, m.Payload, m.OccurredAt, m.NextAttemptAt);
            entry.State = EntityState.Detached;
        }
        return this;
    }

    /// <summary>
    /// Sends every statement in one round trip on the context's connection and transaction; throws what the first broken
    /// guard named, and answers the rows touched in all.
    /// </summary>
    public async Task<int> ExecuteAsync(CommerceDb db, CancellationToken ct)
    {
        if (_commands.Count == 0) return 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
                db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
            foreach (var command in _commands) batch.BatchCommands.Add(command);
            try
            {
                if (_firstRows is not { } first)
                {
                    return await batch.ExecuteNonQueryAsync(ct);
                }
                await using var reader = await batch.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) first(reader);
                while (await reader.NextResultAsync(ct))
                {
                }
                return reader.RecordsAffected;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.RaiseException && _guards.TryGetValue(e.MessageText, out var guard))
            {
                throw guard();
            }
        }
        finally
        {
            _commands.Clear();
            _guards.Clear();
            _firstRows = null;
            await db.Database.CloseConnectionAsync();
        }
    }
}
