using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Inventory;

/// <summary>
/// <c>PUT /partner/stock</c>: a partner's counts, each applied as a <c>sync</c> movement in <c>asOf</c> order per SKU and
/// location. A brand partner may only count its own brand's SKUs (the catalogue says whose a SKU is); anything it may
/// not touch, or that names an unknown location, is rejected item by item and never applied.
/// </summary>
internal static class PartnerStock
{
    public static async Task<Ok<PartnerStockResponse>> ApplyAsync(PartnerStockRequest request, HttpContext http, CommerceDb db,
        StockCounts counts, CancellationToken ct)
    {
        var caller = http.Caller();
        var source = $"partner:{caller.PartnerId}";
        var rejected = new List<RejectedStockItem>();
        var allowed = await BrandFilterAsync(caller, request.Items, http.RequestServices, rejected, ct);

        var codes = allowed.Select(i => i.Location).Distinct().ToList();
        var locations = await db.Set<Location>().AsNoTracking().Where(l => codes.Contains(l.Code)).ToDictionaryAsync(l => l.Code, ct);

        int applied = 0, stale = 0;
        foreach (var item in allowed)
        {
            if (!locations.TryGetValue(item.Location, out var location))
            {
                rejected.Add(new RejectedStockItem(item.Sku, item.Location, "unknown_location", $"No location '{item.Location}'."));
                continue;
            }
            if (item.Sku.Any(char.IsWhiteSpace))
            {
                rejected.Add(new RejectedStockItem(item.Sku, item.Location, "validation_failed", "A SKU has no spaces."));
                continue;
            }
            var outcome = await counts.ApplyAsync(new StockCount(item.Sku, location, item.OnHand!.Value, null, item.AsOf!.Value.ToUniversalTime(),
                MovementKind.Sync, source, "partner stock update"), ct);
            if (outcome == CountOutcome.Applied) applied++;
            else stale++;
        }
        return TypedResults.Ok(new PartnerStockResponse(applied, stale, rejected));
    }

    private static async Task<List<PartnerStockItem>> BrandFilterAsync(Caller caller, IReadOnlyList<PartnerStockItem> items,
        IServiceProvider services, List<RejectedStockItem> rejected, CancellationToken ct)
    {
        // Logistics partners (no brand) hold stock of any brand.
        if (string.IsNullOrEmpty(caller.Brand)) return [.. items];

        // The catalogue owns "whose SKU is this"; without it we cannot tell, so nothing of a brand partner applies.
        var directory = services.GetService<ISkuDirectory>();
        var known = directory is null
            ? new Dictionary<string, SkuInfo>()
            : await directory.FindAsync(items.Select(i => i.Sku).Distinct().ToList(), ct);
        var allowed = new List<PartnerStockItem>();
        foreach (var item in items)
        {
            if (!known.TryGetValue(item.Sku, out var info))
            {
                rejected.Add(new RejectedStockItem(item.Sku, item.Location, "unknown_sku", "The catalogue has no such SKU."));
            }
            else if (!string.Equals(info.Brand, caller.Brand, StringComparison.Ordinal))
            {
                rejected.Add(new RejectedStockItem(item.Sku, item.Location, "forbidden", "The SKU belongs to another brand."));
            }
            else
            {
                allowed.Add(item);
            }
        }
        return allowed;
    }
}
