using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Held → committed: the units become a sale (on-hand and reserved drop together, so available does not move and no
/// SoldOut/BackInStock can follow; only <see cref="StockChanged"/> per level). On PostgreSQL it is ONE statement: the
/// reservation's status, read on its row locked by key (<see cref="HeldByKey"/>), decides (of a commit, release or
/// expiry racing on it exactly one finds it still held), and only the row it updated feeds the level updates, the
/// ledger rows and the figures for the events. A caller's transaction
/// (Checkout's confirmation) is joined and the events wait for its save; alone it takes its own transaction so the
/// stock change and its outbox messages commit together. SQLite has no data-modifying CTEs and takes the plain path.
/// </summary>
internal static class ReservationCommit
{
    private const string Sql = Ctes + "\n" + """
        SELECT res.reference, res.expires_at, lines.sku, lines.location_code, lines.quantity, lines.level_id,
               upd.on_hand, upd.reserved, upd.available
        FROM res, lines JOIN upd ON upd.id = lines.level_id
        """;

    /// <summary>
    /// The same commit as a statement of a caller's batch (ADR 0018): the <see cref="StockChanged"/> messages are written by
    /// the statement itself, one per level, with the figures its update returned, in the shape the event serializes to
    /// (<c>$6</c>, <c>$7</c>: the prefix and tail of their time-ordered ids; <c>$8</c>: the event's CLR type).
    /// </summary>
    private const string BatchSql = Ctes + ",\n" + """
        changed AS (
            SELECT DISTINCT ON (upd.id) upd.id AS level_id, lines.sku, lines.location_code, upd.on_hand, upd.reserved, upd.available
            FROM lines JOIN upd ON upd.id = lines.level_id
            ORDER BY upd.id, lines.rn),
        numbered AS (
            SELECT changed.*, ($6 || lpad(to_hex($7 + row_number() OVER (ORDER BY changed.level_id)), 12, '0'))::uuid AS event_id
            FROM changed),
        evt AS (
            INSERT INTO platform.outbox_messages (id, tenant_id, type, clr_type, payload, occurred_at, next_attempt_at, attempts)
            SELECT n.event_id, $1, 'stock.changed', $8,
                   json_build_object('sku', n.sku, 'location', n.location_code, 'onHand', n.on_hand, 'reserved', n.reserved,
                                     'available', n.available, 'availableChange', 0, 'id', n.event_id, 'occurredAt', $3,
                                     'type', 'stock.changed')::text,
                   $3, $3, 0
            FROM numbered n)
        SELECT 1
        """;

    /// <summary>
    /// A held reservation's row, found by its key alone and locked (<c>$1</c> tenant, <c>$2</c> reservation): a status
    /// move from held reads its status on this row only. With <c>status = 'Held'</c> beside the key in the update
    /// itself, the planner may take the partial index of held reservations (the expiry job's) whenever its statistics
    /// show it nearly empty, and then scans every held reservation and every dead entry there: 5,300 of them and 2 ms for
    /// one commit after a flash sale's raw ceiling had left them held, and more the more stock is held (ADR 0023).
    /// Locked, the row is the latest version (READ COMMITTED follows a concurrent update), so of a commit, release or
    /// expiry racing on it exactly one still finds it held.
    /// </summary>
    internal const string HeldByKey = "SELECT id, status FROM inventory.reservations WHERE id = $2 AND tenant_id = $1 FOR UPDATE";

    private const string Ctes = $"""
        WITH target AS ({HeldByKey}),
        res AS (
            UPDATE inventory.reservations r SET status = 'Committed', closed_at = $3, release_reason = NULL
            FROM target WHERE r.id = target.id AND target.status = 'Held'
            RETURNING r.id, r.reference, r.expires_at),
        lines AS (
            SELECT rl.level_id, rl.sku, rl.location_id, rl.location_code, rl.quantity,
                   row_number() OVER (ORDER BY rl.level_id, rl.id) AS rn
            FROM inventory.reservation_lines rl JOIN res ON rl.reservation_id = res.id),
        per_level AS (
            SELECT level_id, sum(quantity)::int AS q FROM lines GROUP BY level_id),
        locked AS (
            SELECT s.id FROM inventory.stock_levels s JOIN per_level p ON p.level_id = s.id
            ORDER BY s.id FOR UPDATE OF s),
        upd AS (
            UPDATE inventory.stock_levels s SET on_hand = s.on_hand - p.q, reserved = s.reserved - p.q
            FROM per_level p, locked k
            WHERE s.id = p.level_id AND k.id = s.id
            RETURNING s.id, s.on_hand, s.reserved, s.on_hand - s.reserved - s.safety_stock AS available),
        mov AS (
            INSERT INTO inventory.stock_movements (id, tenant_id, level_id, sku, location_id, kind, quantity, source, reason, reservation_id, at)
            SELECT ($4 || lpad(to_hex($5 + lines.rn), 12, '0'))::uuid, $1, lines.level_id, lines.sku, lines.location_id, 'Sale',
                   -lines.quantity, 'reservation:' || res.id::text, res.reference, res.id, $3
            FROM lines, res)
        """;

    /// <summary>
    /// Held → committed as statements of the caller's <paramref name="batch"/>, with its stock messages; a guard then
    /// requires the reservation to be committed (by this batch, or by a concurrent one first), or the batch stops there
    /// and throws <paramref name="notCommitted"/>.
    /// </summary>
    public static void AddTo(SqlBatch batch, Guid tenantId, Guid reservationId, DateTimeOffset now, Func<Exception> notCommitted)
    {
        var (movements, movementTail) = Seed();
        var (events, eventTail) = Seed();
        batch.Add(BatchSql, tenantId, reservationId, now, movements, movementTail, events, eventTail, typeof(StockChanged).FullName);
        // Read by its key alone: a condition on the status too lets a cached generic plan pick the status index, and
        // that scan grows with every committed reservation (it read ~300 pages per call in the flash sale's spread round).
        batch.AddGuard(notCommitted, "coalesce((SELECT status = 'Committed' FROM inventory.reservations WHERE id = $1), false)", reservationId);
    }

    /// <summary>A fresh version-7 prefix and a tail to count up from: ids that stay time-ordered (the ledger pages by id).</summary>
    private static (string Prefix, long Tail) Seed()
    {
        var seed = Guid.CreateVersion7().ToString("D");
        return (seed[..24], Convert.ToInt64(seed[24..], 16) & 0x7FFF_FFFF_FFFF);
    }

    public static async Task<ReservationInfo> CommitAsync(CommerceDb db, Guid reservationId, DateTimeOffset now, CancellationToken ct)
    {
        var joined = db.Database.CurrentTransaction is not null;
        await using var own = joined ? null : await db.Database.BeginTransactionAsync(ct);
        var info = db.IsPostgres
            ? await SingleStatementAsync(db, reservationId, now, ct)
            : await PlainAsync(db, reservationId, now, ct);
        if (info is null)
        {
            // The rare case, read only now: unknown (404) or no longer held (409 invalid_transition for what it became).
            var status = await db.Set<Reservation>().AsNoTracking().Where(r => r.Id == reservationId)
                .Select(r => (ReservationStatus?)r.Status).SingleOrDefaultAsync(ct) ?? throw DomainException.NotFound("Reservation");
            Reservation.Next(status, ReservationTrigger.Commit);
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, "The reservation changed while it was being updated.");
        }
        if (own is not null)
        {
            await db.SaveChangesAsync(ct);
            await own.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return info;
    }

    private static async Task<ReservationInfo?> SingleStatementAsync(CommerceDb db, Guid reservationId, DateTimeOffset now, CancellationToken ct)
    {
        // Ledger ids stay time-ordered (the ledger pages by id): one fresh version-7 prefix, the line number in the tail.
        var (prefix, tail) = Seed();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = db.CurrentTenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = reservationId });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = prefix, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = tail, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            string? reference = null;
            DateTimeOffset expiresAt = default;
            var lines = new List<ReservedLine>();
            var levels = new Dictionary<Guid, StockChanged>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    reference = reader.IsDBNull(0) ? null : reader.GetString(0);
                    expiresAt = reader.GetFieldValue<DateTimeOffset>(1);
                    var (sku, code) = (reader.GetString(2), reader.GetString(3));
                    lines.Add(new ReservedLine(sku, code, reader.GetInt32(4)));
                    levels.TryAdd(reader.GetGuid(5), new StockChanged(sku, code, reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), AvailableChange: 0));
                }
            }
            if (lines.Count == 0) return null;
            foreach (var changed in levels.Values) db.Publish(changed);
            return Info(reservationId, reference, expiresAt, lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite: one writer at a time, so the plain statements suffice; the status update still decides.</summary>
    private static async Task<ReservationInfo?> PlainAsync(CommerceDb db, Guid reservationId, DateTimeOffset now, CancellationToken ct)
    {
        var moved = await db.Set<Reservation>().Where(r => r.Id == reservationId && r.Status == ReservationStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReservationStatus.Committed).SetProperty(r => r.ClosedAt, now)
                .SetProperty(r => r.ReleaseReason, (string?)null), ct);
        if (moved == 0) return null;
        var reservation = await db.Set<Reservation>().AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == reservationId, ct);
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var (levelId, quantity) = (line.LevelId, line.Quantity);
            await db.Set<StockLevel>().Where(l => l.Id == levelId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.OnHand, l => l.OnHand - quantity).SetProperty(l => l.Reserved, l => l.Reserved - quantity), ct);
            db.Set<StockMovement>().Add(new StockMovement(db.CurrentTenantId, levelId, line.Sku, line.LocationId, MovementKind.Sale, -quantity,
                $"reservation:{reservationId}", reservation.Reference, reservationId, now));
        }
        await StockSignals.PublishAsync(db, reservation.Lines.GroupBy(l => l.LevelId).ToDictionary(g => g.Key, _ => 0), levelChanged: true, ct);
        return Info(reservationId, reservation.Reference, reservation.ExpiresAt,
            reservation.Lines.Select(l => new ReservedLine(l.Sku, l.LocationCode, l.Quantity)).ToList());
    }

    private static ReservationInfo Info(Guid id, string? reference, DateTimeOffset expiresAt, List<ReservedLine> lines) =>
        new(id, ReservationStatus.Committed, reference, expiresAt, lines
            .OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Location, StringComparer.Ordinal).ToList());
}
