using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Maison.Commerce.Catalog;

/// <summary>Looks SKUs up in the current tenant's catalogue, whatever the product's status.</summary>
public sealed class SkuDirectory(CommerceDb db) : ISkuDirectory
{
    public async Task<IReadOnlyDictionary<string, SkuInfo>> FindAsync(IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var found = new Dictionary<string, SkuInfo>(StringComparer.Ordinal);
        if (skus.Count == 0) return found;
        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        if (db.IsPostgres && wanted.Count <= SqlRead.MaxListParameters)
        {
            // Every checkout asks (ADR 0018): one plain statement, one scalar parameter per SKU (ADR 0017).
            var tenantId = db.CurrentTenantId;
            await SqlRead.ReadAsync(db, BySize[wanted.Count], parameters =>
            {
                parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = tenantId });
                foreach (var sku in wanted) parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = sku, NpgsqlDbType = NpgsqlDbType.Varchar });
            }, row =>
            {
                var info = new SkuInfo(row.GetString(0), row.GetGuid(1), row.GetGuid(2), row.GetString(3), row.GetString(4), row.GetString(5),
                    JsonColumn.Read<Dictionary<string, string>>(row.GetString(6)), JsonColumn.Read<List<string>>(row.GetString(7)));
                found[info.Sku] = info;
            }, ct);
            return found;
        }
        // One parameter per SKU ("sku IN ($2, $3)"), not one array (ADR 0017). EF.MultipleParameters cannot take a
        // compiled query's parameter, so this one is not compiled; EF's query cache still translates it once per list size.
        var query = from v in db.Set<Variant>().AsNoTracking()
                    join p in db.Set<Product>().AsNoTracking() on v.ProductId equals p.Id
                    join b in db.Set<Brand>().AsNoTracking() on p.BrandId equals b.Id
                    where EF.MultipleParameters(wanted).Contains(v.Sku)
                    select new SkuInfo(v.Sku, v.Id, p.Id, p.Slug, b.Slug, p.Title, v.Options, p.Categories);
        await foreach (var info in query.AsAsyncEnumerable().WithCancellation(ct)) found[info.Sku] = info;
        return found;
    }

    // The same rows as the LINQ query above, with the tenant of every joined table checked as its query filter does.
    private static readonly string[] BySize = [.. Enumerable.Range(0, SqlRead.MaxListParameters + 1).Select(n => n == 0 ? "" : $"""
        SELECT v.sku, v.id, p.id, p.slug, b.slug, p.title, v.options, p.categories
        FROM catalog.variants v
            JOIN catalog.products p ON p.id = v.product_id AND p.tenant_id = $1
            JOIN catalog.brands b ON b.id = p.brand_id AND b.tenant_id = $1
        WHERE v.tenant_id = $1 AND v.sku IN ({SqlRead.Placeholders(2, n)})
        """)];
}
