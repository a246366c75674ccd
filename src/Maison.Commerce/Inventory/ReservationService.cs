using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Reserve, commit, release and expire. The guard against overselling is the database's: each line is ONE conditional
/// update <c>reserved = reserved + q WHERE available ≥ q</c>, all lines in one transaction, rolled back whole if any
/// line finds too little. The snapshot read before it only chooses locations; it never decides availability.
/// </summary>
internal sealed class ReservationService(IServiceProvider services, TenantContext tenant, TimeProvider time, ReservationConnections connections,
    ReservationBatcher batcher)
    : IReservations
{
    // Resolved on first use: a stand-alone one-line reservation on PostgreSQL never needs the context, and building one
    // (its options, its service-provider lookup) cost about a sixth of the server's CPU on the reservation benchmark.
    private CommerceDb? _db;

    private CommerceDb Db => _db ??= services.GetRequiredService<CommerceDb>();

    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(2);

    // A lost race (the snapshot said yes, the update said no) re-plans from a fresh snapshot a few times.
    private const int MaxAttempts = 3;

    /// <summary>Joins the caller's transaction on this scope's <see cref="CommerceDb"/>, if any (Checkout's saga).</summary>
    public Task<ReserveResult> ReserveAsync(IReadOnlyList<ReserveLine> lines, TimeSpan? ttl, string? reference, string? country, CancellationToken ct) =>
        ReserveAsync(lines, ttl, reference, country, standalone: false, ct);

    /// <summary>
    /// A reservation that is its own unit of work (the admin route): on PostgreSQL a one-line reservation is then
    /// group-committed with others (ADR 0014) on connections of the batcher's, and never wakes the request's context.
    /// </summary>
    public Task<ReserveResult> ReserveStandaloneAsync(IReadOnlyList<ReserveLine> lines, TimeSpan? ttl, string? reference, string? country,
        CancellationToken ct) =>
        ReserveAsync(lines, ttl, reference, country, standalone: true, ct);

    public BatchedReservation? AddTo(SqlBatch batch, ReserveLine line, string? reference, string? country)
    {
        if (!Db.IsPostgres) return null;
        var (sku, quantity) = Merge([line]).Single();
        return SingleStatementReserve.AddTo(batch, Db.CurrentTenantId, new ReserveLine(sku, quantity), reference, country, time.GetUtcNow(), DefaultTtl);
    }

    public async Task CompleteAsync(BatchedReservation reservation, CancellationToken ct)
    {
        if (reservation.Held is { } held && reservation.Remaining <= 0)
        {
            await PublishSignalsAsync(new Dictionary<Guid, int> { [reservation.LevelId] = -held.Lines.Sum(l => l.Quantity) }, ct);
        }
    }

    private async Task<ReserveResult> ReserveAsync(IReadOnlyList<ReserveLine> lines, TimeSpan? ttl, string? reference, string? country,
        bool standalone, CancellationToken ct)
    {
        var wanted = Merge(lines);
        var lifetime = ttl ?? DefaultTtl;
        if (lifetime <= TimeSpan.Zero || lifetime > MaxTtl) throw DomainException.Validation("ttlSeconds", $"The TTL must be between 1 second and {MaxTtl.TotalHours:0} hours.");
        var batched = standalone && wanted.Count == 1 ? connections.ConnectionString(() => Db) : null;
        if (batched is not null || (wanted.Count == 1 && Db.IsPostgres))
        {
            var (sku, quantity) = wanted.First();
            var line = new ReserveLine(sku, quantity);
            var now = time.GetUtcNow();
            // Stand-alone: group-committed with whatever else is waiting (ADR 0014). In a caller's transaction: one statement.
            var fast = batched is not null
                ? await batcher.ReserveAsync(batched, new BatchReserve.Request(tenant.TenantId, line, reference, country, now, lifetime), ct)
                : await SingleStatementReserve.TryAsync(Db, line, reference, country, now, lifetime, ct);
            if (fast is not null)
            {
                if (fast.Remaining <= 0) await PublishSignalsAsync(new Dictionary<Guid, int> { [fast.LevelId] = -quantity }, ct);
                return new ReserveResult(fast.Reservation, []);
            }
        }
        var skus = wanted.Keys.ToList();
        IReadOnlyList<string> shorts = [];
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidates = await CandidatesAsync(skus, country, ct);
            var plan = Allocator.Allocate(wanted, candidates);
            if (!plan.Succeeded) return new ReserveResult(null, plan.ShortSkus);

            var reservation = new Reservation(Db.CurrentTenantId, reference, time.GetUtcNow(), lifetime, plan.Allocations);
            var failed = await TryHoldAsync(reservation, ct);
            if (failed is null)
            {
                await SignalIfSoldOutAsync(plan, candidates, ct);
                return new ReserveResult(ToInfo(reservation), []);
            }
            shorts = [failed];
        }
        return new ReserveResult(null, shorts);
    }

    /// <summary>Null when every line was held; otherwise the first SKU that fell short (and nothing was held).</summary>
    private async Task<string?> TryHoldAsync(Reservation reservation, CancellationToken ct)
    {
        // A caller's transaction (Checkout's reserve + order + outbox) is joined: a savepoint stands in for our own,
        // so a short line undoes only this attempt and the caller decides about the rest.
        var outer = Db.Database.CurrentTransaction;
        const string savepoint = "reserve";
        await using var own = outer is null ? await Db.Database.BeginTransactionAsync(ct) : null;
        if (outer is not null) await outer.CreateSavepointAsync(savepoint, ct);
        // Insert first, update last: the hot rows stay locked only for the updates and the commit.
        Db.Set<Reservation>().Add(reservation);
        await Db.SaveChangesAsync(ct);
        Db.Entry(reservation).State = EntityState.Detached;
        foreach (var line in reservation.Lines) Db.Entry(line).State = EntityState.Detached;
        // One lock order for every transaction (by level id), so overlapping multi-line reservations cannot deadlock.
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var levelId = line.LevelId;
            var quantity = line.Quantity;
            var rows = await Db.Set<StockLevel>()
                .Where(l => l.Id == levelId && l.OnHand - l.Reserved - l.SafetyStock >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Reserved, l => l.Reserved + quantity), ct);
            if (rows == 0)
            {
                if (own is not null) await own.RollbackAsync(ct);
                else await outer!.RollbackToSavepointAsync(savepoint, ct);
                return line.Sku;
            }
        }
        if (own is not null) await own.CommitAsync(ct);
        else await outer!.ReleaseSavepointAsync(savepoint, ct);
        return null;
    }

    /// <summary>Joins a caller's transaction (its events then wait for the caller's save); see <see cref="ReservationCommit"/>.</summary>
    public Task<ReservationInfo> CommitAsync(Guid reservationId, CancellationToken ct) =>
        ReservationCommit.CommitAsync(Db, reservationId, time.GetUtcNow(), ct);

    public bool AddCommitTo(SqlBatch batch, Guid reservationId)
    {
        if (!Db.IsPostgres) return false;
        ReservationCommit.AddTo(batch, Db.CurrentTenantId, reservationId, time.GetUtcNow(), () => DomainException.Conflict(
            InventoryProblemCodes.ReservationNotCommitted, "The reservation is no longer held."));
        return true;
    }

    public Task<ReservationInfo> ReleaseAsync(Guid reservationId, string reason, CancellationToken ct) =>
        CloseAsync(reservationId, ReservationTrigger.Release, reason, ct);

    /// <summary>Releases held reservations whose TTL has passed; returns how many it released.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var released = 0;
        while (true)
        {
            var due = await Db.Set<Reservation>().AsNoTracking()
                .Where(r => r.Status == ReservationStatus.Held && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(100).ToListAsync(ct);
            foreach (var id in due)
            {
                try
                {
                    await CloseAsync(id, ReservationTrigger.Expire, "expired", ct);
                    released++;
                }
                catch (DomainException e) when (e.Code == ProblemCodes.InvalidTransition)
                {
                    // Committed or released by someone else since the scan: nothing to expire.
                }
            }
            if (due.Count < 100) return released;
        }
    }

    public async Task<ReservationInfo?> FindAsync(Guid reservationId, CancellationToken ct)
    {
        var reservation = await Db.Set<Reservation>().AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == reservationId, ct);
        return reservation is null ? null : ToInfo(reservation);
    }

    private async Task<ReservationInfo> CloseAsync(Guid reservationId, ReservationTrigger trigger, string reason, CancellationToken ct)
    {
        var reservation = await LoadAsync(reservationId, ct);
        Reservation.Next(reservation.Status, trigger);
        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        await MoveAsync(reservationId, ReservationStatus.Released, time.GetUtcNow(), reason, trigger, ct);
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var (levelId, quantity) = (line.LevelId, line.Quantity);
            await Db.Set<StockLevel>().Where(l => l.Id == levelId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Reserved, l => l.Reserved - quantity), ct);
        }
        await StockSignals.PublishAsync(Db, reservation.Lines.GroupBy(l => l.LevelId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity)),
            levelChanged: true, ct);
        await Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Db.ChangeTracker.Clear();
        return (await FindAsync(reservationId, ct))!;
    }

    private const string MoveSql = $"""
        WITH target AS ({ReservationCommit.HeldByKey})
        UPDATE inventory.reservations r SET status = $3, closed_at = $4, release_reason = $5
        FROM target WHERE r.id = target.id AND target.status = 'Held'
        """;

    /// <summary>Moves the status from held, in the database: of two racing callers only one finds it still held.</summary>
    private async Task MoveAsync(Guid id, ReservationStatus to, DateTimeOffset now, string? reason, ReservationTrigger trigger, CancellationToken ct)
    {
        // PostgreSQL: the row by its key alone, then its status (ReservationCommit.HeldByKey says why).
        var rows = Db.IsPostgres
            ? await SqlBatch.ExecuteOneAsync(Db, MoveSql, ct, Db.CurrentTenantId, id, to.ToString(), now, reason)
            : await Db.Set<Reservation>().Where(r => r.Id == id && r.Status == ReservationStatus.Held)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ReleaseReason, reason), ct);
        if (rows == 0)
        {
            var status = await Db.Set<Reservation>().AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync(ct);
            Reservation.Next(status, trigger); // throws invalid_transition for what it has become
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, "The reservation changed while it was being updated.");
        }
    }

    private async Task<Reservation> LoadAsync(Guid id, CancellationToken ct) =>
        await Db.Set<Reservation>().AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? throw DomainException.NotFound("Reservation");

    private async Task<List<Candidate>> CandidatesAsync(List<string> skus, string? country, CancellationToken ct)
    {
        var query = from l in Db.Set<StockLevel>().AsNoTracking()
                    join loc in Db.Set<Location>().AsNoTracking() on l.LocationId equals loc.Id
                    where skus.Contains(l.Sku) && l.OnHand - l.Reserved - l.SafetyStock > 0
                    select new { l.Id, l.Sku, l.LocationId, loc.Code, loc.Serves, Available = l.OnHand - l.Reserved - l.SafetyStock };
        if (country is not null)
        {
            var token = Location.MarketToken(country);
            query = query.Where(c => c.Serves.Contains(token));
        }
        var rows = await query.ToListAsync(ct);
        return rows.Select(r => new Candidate(r.Id, r.Sku, r.LocationId, r.Code, r.Available)).ToList();
    }

    /// <summary>
    /// Only when the snapshot says this reservation may have taken a SKU's last units does it look again and publish
    /// <see cref="SoldOut"/> (after the commit, so the hot path pays nothing in the common case).
    /// </summary>
    private async Task SignalIfSoldOutAsync(AllocationPlan plan, List<Candidate> candidates, CancellationToken ct)
    {
        var touched = plan.Allocations.GroupBy(a => a.Sku)
            .Where(g => candidates.Where(c => c.Sku == g.Key).Sum(c => c.Available) - g.Sum(a => a.Quantity) <= 0)
            .SelectMany(g => g)
            .GroupBy(a => a.LevelId)
            .ToDictionary(g => g.Key, g => -g.Sum(a => a.Quantity));
        if (touched.Count > 0) await PublishSignalsAsync(touched, ct);
    }

    private async Task PublishSignalsAsync(Dictionary<Guid, int> availableDeltas, CancellationToken ct)
    {
        await StockSignals.PublishAsync(Db, availableDeltas, levelChanged: false, ct);
        // Inside a caller's transaction the messages join its unit of work (saved with it); otherwise they are saved now.
        if (Db.Database.CurrentTransaction is not null) return;
        await Db.SaveChangesAsync(ct);
        Db.ChangeTracker.Clear();
    }

    private static Dictionary<string, int> Merge(IReadOnlyList<ReserveLine> lines)
    {
        if (lines.Count == 0) throw DomainException.Validation("lines", "A reservation needs at least one line.");
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line.Sku)) throw DomainException.Validation("lines", "Every line needs a SKU.");
            if (line.Quantity <= 0) throw DomainException.Validation("lines", "Quantities must be positive.");
            merged[line.Sku] = checked(merged.GetValueOrDefault(line.Sku) + line.Quantity);
        }
        return merged;
    }

    private static ReservationInfo ToInfo(Reservation r) =>
        new(r.Id, r.Status, r.Reference, r.ExpiresAt, r.Lines
            .OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.LocationCode, StringComparer.Ordinal)
            .Select(l => new ReservedLine(l.Sku, l.LocationCode, l.Quantity)).ToList());
}
