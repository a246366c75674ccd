using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Catalog;

/// <summary>Looks SKUs up in the current tenant's catalogue, whatever the product's status.</summary>
public sealed class SkuDirectory(CommerceDb db) : ISkuDirectory
{
    public async Task<IReadOnlyDictionary<string, SkuInfo>> FindAsync(IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        if (skus.Count == 0) return new Dictionary<string, SkuInfo>(StringComparer.Ordinal);
        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        var rows = await (
                from v in db.Set<Variant>().AsNoTracking()
                join p in db.Set<Product>().AsNoTracking() on v.ProductId equals p.Id
                join b in db.Set<Brand>().AsNoTracking() on p.BrandId equals b.Id
                where wanted.Contains(v.Sku)
                select new { v.Sku, v.Id, ProductId = p.Id, p.Slug, Brand = b.Slug, p.Title, v.Options, p.Categories })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Sku, r => new SkuInfo(r.Sku, r.Id, r.ProductId, r.Slug, r.Brand, r.Title, r.Options, r.Categories), StringComparer.Ordinal);
    }
}
