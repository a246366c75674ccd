using Maison.Commerce.Persistence;
using Maison.Commerce.Pricing.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>Builds a <see cref="CatalogSnapshot"/> from the database: a handful of queries whatever the catalogue's size.</summary>
public sealed class SnapshotLoader(CommerceDb db, IPriceBook prices, ITaxRates taxes)
{
    public async Task<CatalogSnapshot> LoadAsync(CancellationToken ct)
    {
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.Status == ProductStatus.Active)
            .Select(p => new { p.Id, p.Slug, p.Title, p.BrandId, p.Description, p.Categories, p.Media, p.Version })
            .ToListAsync(ct);
        var brands = await db.Set<Brand>().AsNoTracking().ToDictionaryAsync(b => b.Id, ct);
        var variants = (await db.Set<Variant>().AsNoTracking().ToListAsync(ct)).ToLookup(v => v.ProductId);
        var priceBySku = (await prices.AllAsync(ct)).ToLookup(p => p.Sku, StringComparer.Ordinal);
        var collections = await db.Set<Collection>().AsNoTracking().ToListAsync(ct);
        var drops = collections.Where(c => c.IsDrop).ToList();
        var dropsOf = drops.SelectMany(d => d.Products.Select(p => (Product: p, Drop: d.Id))).ToLookup(x => x.Product, x => x.Drop);

        var views = products
            .OrderBy(p => p.Slug, StringComparer.Ordinal)
            .Select(p => new ProductView(p.Id, p.Slug, p.Title, brands[p.BrandId].Slug, brands[p.BrandId].Name, p.Description, p.Categories, p.Media,
                variants[p.Id].OrderBy(v => v.Position).Select(v => new VariantView(v.Sku, v.Options, v.Size, v.Colour,
                    priceBySku[v.Sku].Select(x => new PriceView(x.Amount.Currency.Code, x.Amount.AmountMinor, x.CompareAt?.AmountMinor)).ToList())).ToList(),
                dropsOf[p.Id].ToList(), p.Version))
            .ToList();
        return new CatalogSnapshot
        {
            Products = views,
            Taxes = (await taxes.AllAsync(ct)).ToDictionary(t => t.Country, t => new TaxView(t.RateBasisPoints, t.TaxInclusive), StringComparer.Ordinal),
            Drops = drops.OrderBy(d => d.Slug, StringComparer.Ordinal).Select(d => new DropView(d.Id, d.Slug, d.AvailableFrom)).ToList(),
        };
    }
}
