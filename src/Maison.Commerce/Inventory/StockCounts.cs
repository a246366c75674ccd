using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Inventory;

public enum CountOutcome
{
    Applied,
    Stale,
}

/// <summary>A count of units at a location: by staff (absolute, with a movement kind) or by a partner (a sync with its asOf).</summary>
internal sealed record StockCount(string Sku, Location Location, int OnHand, int? SafetyStock, DateTimeOffset? AsOf, MovementKind Kind,
    string Source, string? Reason);

/// <summary>
/// Sets a level's on-hand to a counted figure. A count is a fact about the shelf, so it applies even when it leaves
/// fewer units than live reservations hold: the level is then flagged <c>oversold_risk</c> and an event tells staff
/// and the partner; the reservations are kept. The write is a compare-and-set on the on-hand read just before, so the
/// ledger row carries the exact delta even when counts and sales race.
/// </summary>
internal sealed class StockCounts(CommerceDb db, TimeProvider time)
{
    private const int MaxAttempts = 20;

    public async Task<CountOutcome> ApplyAsync(StockCount count, CancellationToken ct)
    {
        // asOf is compared in the database; whole milliseconds compare the same on every engine (SQLite keeps less).
        if (count.AsOf is { } raw) count = count with { AsOf = new DateTimeOffset(raw.UtcTicks - raw.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero) };
        var levelId = await EnsureLevelAsync(count.Sku, count.Location.Id, ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await db.Set<StockLevel>().AsNoTracking().SingleAsync(l => l.Id == levelId, ct);
            if (count.AsOf is { } asOf && current.CountedAsOf is { } last && asOf <= last) return CountOutcome.Stale;

            var onHand = count.OnHand;
            var safety = count.SafetyStock ?? current.SafetyStock;
            var countedAsOf = count.AsOf ?? current.CountedAsOf;
            var before = current.OnHand;
            var asOfParam = count.AsOf;

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Set<StockLevel>()
                .Where(l => l.Id == levelId && l.OnHand == before && (asOfParam == null || l.CountedAsOf == null || l.CountedAsOf < asOfParam))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.OnHand, onHand)
                    .SetProperty(l => l.SafetyStock, safety)
                    .SetProperty(l => l.CountedAsOf, countedAsOf)
                    .SetProperty(l => l.OversoldRisk, l => l.Reserved > 0 && onHand - l.Reserved - safety < 0), ct);
            if (rows == 0)
            {
                await tx.RollbackAsync(ct);
                continue; // someone moved it since we read it: read again (and re-check staleness)
            }

            var after = await db.Set<StockLevel>().AsNoTracking().SingleAsync(l => l.Id == levelId, ct);
            if (onHand != before)
            {
                db.Set<StockMovement>().Add(new StockMovement(db.CurrentTenantId, levelId, count.Sku, count.Location.Id, count.Kind,
                    onHand - before, count.Source, count.Reason, null, time.GetUtcNow()));
            }
            if (after.OversoldRisk && !current.OversoldRisk)
            {
                db.Publish(new StockOversoldRisk(count.Sku, count.Location.Code, after.OnHand, after.Reserved, count.Source));
            }
            var availableDelta = (onHand - before) - (safety - current.SafetyStock);
            await StockSignals.PublishAsync(db, new Dictionary<Guid, int> { [levelId] = availableDelta }, levelChanged: true, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return CountOutcome.Applied;
        }
        throw DomainException.Conflict(ProblemCodes.Conflict, $"The level of {count.Sku} at {count.Location.Code} is changing too fast; retry.");
    }

    /// <summary>The level's id, creating an empty level if there is none (a unique index settles a race).</summary>
    private async Task<Guid> EnsureLevelAsync(string sku, Guid locationId, CancellationToken ct)
    {
        var existing = await FindLevelIdAsync(sku, locationId, ct);
        if (existing is { } id) return id;
        var level = new StockLevel(db.CurrentTenantId, sku, locationId);
        db.Set<StockLevel>().Add(level);
        try
        {
            await db.SaveChangesAsync(ct);
            return level.Id;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var raced = await FindLevelIdAsync(sku, locationId, ct); // another request created it first
            if (raced is null) throw;
            return raced.Value;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Guid?> FindLevelIdAsync(string sku, Guid locationId, CancellationToken ct) =>
        await db.Set<StockLevel>().AsNoTracking().Where(l => l.Sku == sku && l.LocationId == locationId)
            .Select(l => (Guid?)l.Id).SingleOrDefaultAsync(ct);
}
