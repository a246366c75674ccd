using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Inventory;

/// <summary>Sellable units per SKU over the locations that serve a market; a location's shortfall never offsets another's stock.</summary>
internal sealed class Availability(CommerceDb db) : IAvailability
{
    /// <summary>At or below this many sellable units a variant shows as low.</summary>
    public const int LowStockThreshold = 3;

    public async Task<IReadOnlyDictionary<string, SkuAvailability>> ForSkusAsync(IReadOnlyCollection<string> skus, string country, CancellationToken ct)
    {
        var list = skus.Distinct(StringComparer.Ordinal).ToList();
        var token = Location.MarketToken(country);
        var rows = await (from l in db.Set<StockLevel>().AsNoTracking()
                          join loc in db.Set<Location>().AsNoTracking() on l.LocationId equals loc.Id
                          where list.Contains(l.Sku) && loc.Serves.Contains(token)
                          select new { l.Sku, Available = l.OnHand - l.Reserved - l.SafetyStock }).ToListAsync(ct);
        var totals = rows.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.Sum(r => Math.Max(0, r.Available)));
        return list.ToDictionary(sku => sku, sku => Of(sku, totals.GetValueOrDefault(sku)), StringComparer.Ordinal);
    }

    public static SkuAvailability Of(string sku, int available) => new(sku, available switch
    {
        <= 0 => StockStatus.SoldOut,
        <= LowStockThreshold => StockStatus.Low,
        _ => StockStatus.InStock,
    }, available);
}
