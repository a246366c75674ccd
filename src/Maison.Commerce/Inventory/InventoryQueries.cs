using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Inventory;

/// <summary>The admin reads: a SKU's levels and its ledger.</summary>
internal static class InventoryQueries
{
    public static async Task<InventoryResponse> LevelsAsync(CommerceDb db, string sku, CancellationToken ct)
    {
        var levels = await (from l in db.Set<StockLevel>().AsNoTracking()
                            join loc in db.Set<Location>().AsNoTracking() on l.LocationId equals loc.Id
                            where l.Sku == sku
                            orderby loc.Code
                            select new LevelResponse(loc.Code, l.OnHand, l.Reserved, l.OnHand - l.Reserved - l.SafetyStock, l.SafetyStock,
                                l.OversoldRisk, l.CountedAsOf)).ToListAsync(ct);
        return new InventoryResponse(sku, levels);
    }

    public static async Task<Page<MovementResponse>> MovementsAsync(CommerceDb db, string sku, int take, string? after, CancellationToken ct)
    {
        var query = from m in db.Set<StockMovement>().AsNoTracking()
                    join loc in db.Set<Location>().AsNoTracking() on m.LocationId equals loc.Id
                    where m.Sku == sku
                    select new { m, loc.Code };
        if (after is not null && Guid.TryParse(after, out var from)) query = query.Where(x => x.m.Id.CompareTo(from) > 0);
        var rows = await query.OrderBy(x => x.m.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows, take, x => x.m.Id.ToString(),
            x => new MovementResponse(x.m.Id, x.Code, x.m.Kind.ToString().ToLowerInvariant(), x.m.Quantity, x.m.Source, x.m.Reason, x.m.ReservationId, x.m.At));
    }
}
