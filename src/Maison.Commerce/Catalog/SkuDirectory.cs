using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Catalog;

/// <summary>Looks SKUs up in the current tenant's catalogue, whatever the product's status.</summary>
public sealed class SkuDirectory(CommerceDb db) : ISkuDirectory
{
    // Compiled once: every cart view and checkout asks, and translating the LINQ each time cost more than the query (ADR 0013).
    private static readonly Func<CommerceDb, List<string>, IAsyncEnumerable<SkuInfo>> BySku = EF.CompileAsyncQuery((CommerceDb db, List<string> wanted) =>
        from v in db.Set<Variant>().AsNoTracking()
        join p in db.Set<Product>().AsNoTracking() on v.ProductId equals p.Id
        join b in db.Set<Brand>().AsNoTracking() on p.BrandId equals b.Id
        where wanted.Contains(v.Sku)
        select new SkuInfo(v.Sku, v.Id, p.Id, p.Slug, b.Slug, p.Title, v.Options, p.Categories));

    public async Task<IReadOnlyDictionary<string, SkuInfo>> FindAsync(IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var found = new Dictionary<string, SkuInfo>(StringComparer.Ordinal);
        if (skus.Count == 0) return found;
        await foreach (var info in BySku(db, skus.Distinct(StringComparer.Ordinal).ToList()).WithCancellation(ct)) found[info.Sku] = info;
        return found;
    }
}
