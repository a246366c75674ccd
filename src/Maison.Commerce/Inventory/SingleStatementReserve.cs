using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Maison.Commerce.Inventory;

/// <summary>
/// The hot path of the hot path, on PostgreSQL: a one-line reservation that one location can fill is ONE statement —
/// choose the first location by code with enough units, the same conditional update as everywhere
/// (<c>WHERE available ≥ q</c>, re-checked by PostgreSQL on the latest row version when it waited for the lock), and
/// the reservation and its line inserted only from the updated row. One statement is atomic on its own, so no explicit
/// transaction holds the row lock across a round trip; a hot SKU then serialises no longer than a bare UPDATE does.
/// Zero rows means "not this way" and the caller falls back to the general path (snapshot, allocation, transaction),
/// which also decides what is short. SQLite has no data-modifying CTEs and takes the general path.
/// The statement is prepared (parameters typed explicitly, so the prepared form never changes).
/// </summary>
internal static class SingleStatementReserve
{
    private const string Sql = """
        WITH pick AS (
            SELECT l.id, l.location_id, loc.code
            FROM inventory.stock_levels l JOIN inventory.locations loc ON loc.id = l.location_id
            WHERE l.tenant_id = $1 AND l.sku = $2 AND l.on_hand - l.reserved - l.safety_stock >= $3
              AND ($8::text IS NULL OR loc.serves LIKE '%' || $8 || '%')
            ORDER BY loc.code
            LIMIT 1),
        upd AS (
            UPDATE inventory.stock_levels s SET reserved = s.reserved + $3
            FROM pick
            WHERE s.id = pick.id AND s.on_hand - s.reserved - s.safety_stock >= $3
            RETURNING s.id, pick.location_id, pick.code, s.on_hand - s.reserved - s.safety_stock AS remaining),
        res AS (
            INSERT INTO inventory.reservations (id, tenant_id, reference, status, created_at, expires_at)
            SELECT $4, $1, $5, 'Held', $6, $7 FROM upd
            RETURNING id),
        ins AS (
            INSERT INTO inventory.reservation_lines (id, tenant_id, reservation_id, sku, level_id, location_id, location_code, quantity)
            SELECT $9, $1, res.id, $2, upd.id, upd.location_id, upd.code, $3 FROM upd, res
            RETURNING level_id)
        SELECT upd.code, upd.remaining, upd.id FROM upd, ins
        """;

    /// <summary>A held reservation, its level and the units left there.</summary>
    public sealed record Held(ReservationInfo Reservation, Guid LevelId, int Remaining);

    /// <summary>
    /// The held reservation, or null when this shortcut does not apply (the caller takes the general path), on the
    /// context's connection, joining its transaction if it has one (Checkout's saga).
    /// </summary>
    public static async Task<Held?> TryAsync(CommerceDb db, ReserveLine line, string? reference, string? country,
        DateTimeOffset now, TimeSpan ttl, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await RunAsync((NpgsqlConnection)db.Database.GetDbConnection(), db.CurrentTenantId, line, reference, country, now, ttl, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The same statement as the first of a caller's batch (<see cref="IReservations.AddTo"/>, ADR 0018).</summary>
    public static BatchedReservation AddTo(SqlBatch batch, Guid tenantId, ReserveLine line, string? reference, string? country, DateTimeOffset now,
        TimeSpan ttl)
    {
        var batched = new BatchedReservation(Guid.CreateVersion7());
        var expiresAt = now + ttl;
        batch.AddReading(row =>
        {
            var held = Read(row, batched.Id, line, reference, expiresAt);
            (batched.Held, batched.LevelId, batched.Remaining) = (held.Reservation, held.LevelId, held.Remaining);
        }, Sql, Parameters(tenantId, line, batched.Id, reference, now, expiresAt, country));
        // Nothing held: the database stops the batch here, before the caller's statements that rely on the hold.
        batch.AddGuard(() => new DomainException(InventoryProblemCodes.OutOfStock, "No single location holds the line.", 409),
            "EXISTS (SELECT 1 FROM inventory.reservations WHERE id = $1)", batched.Id);
        return batched;
    }

    private static async Task<Held?> RunAsync(NpgsqlConnection connection, Guid tenantId, ReserveLine line, string? reference, string? country,
        DateTimeOffset now, TimeSpan ttl, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var expiresAt = now + ttl;
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddRange(Parameters(tenantId, line, id, reference, now, expiresAt, country));
        // Parsed and planned once per physical connection: Npgsql keeps prepared statements across pooled opens, so
        // from the second use on this is no round trip, and PostgreSQL skips parsing and planning four CTEs.
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader, id, line, reference, expiresAt) : null;
    }

    private static NpgsqlParameter[] Parameters(Guid tenantId, ReserveLine line, Guid id, string? reference, DateTimeOffset now,
        DateTimeOffset expiresAt, string? country) =>
    [
        new NpgsqlParameter<Guid> { TypedValue = tenantId },
        new NpgsqlParameter<string> { TypedValue = line.Sku },
        new NpgsqlParameter<int> { TypedValue = line.Quantity },
        new NpgsqlParameter<Guid> { TypedValue = id },
        new NpgsqlParameter { Value = (object?)reference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt },
        new NpgsqlParameter
        {
            Value = country is null ? DBNull.Value : Location.MarketToken(country),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        },
        new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() },
    ];

    private static Held Read(NpgsqlDataReader reader, Guid id, ReserveLine line, string? reference, DateTimeOffset expiresAt)
    {
        var (code, remaining, levelId) = (reader.GetString(0), reader.GetInt32(1), reader.GetGuid(2));
        return new Held(new ReservationInfo(id, ReservationStatus.Held, reference, expiresAt, [new ReservedLine(line.Sku, code, line.Quantity)]),
            levelId, remaining);
    }
}
