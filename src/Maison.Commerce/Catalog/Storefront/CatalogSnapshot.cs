using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Maison.Commerce.Catalog.Storefront;

public sealed record PriceView(string Currency, long AmountMinor, long? CompareAtMinor);

public sealed record VariantView(string Sku, Dictionary<string, string> Options, string? Size, string? Colour, List<PriceView> Prices);

public sealed record ProductView(
    Guid Id, string Slug, string Title, string BrandSlug, string BrandName, string? Description, List<string> Categories, List<string> Media,
    List<VariantView> Variants, List<Guid> Drops, long Version)
{
    private string[]? _tags;

    /// <summary>The cache tags of this product's page (<c>product:</c>, <c>sku:</c>), built once per snapshot, not per request.</summary>
    [JsonIgnore]
    public string[] CacheTags => _tags ??= [$"product:{Id:N}", .. Variants.Select(v => $"sku:{v.Sku}")];
}

/// <summary>A market's VAT: rate in basis points, and whether its prices are shown gross.</summary>
public sealed record TaxView(int RateBasisPoints, bool TaxInclusive);

public sealed record DropView(Guid Id, string Slug, Dictionary<string, DateTimeOffset> AvailableFrom);

/// <summary>
/// The tenant's active catalogue as the storefront shows it, one immutable object per catalogue version: built
/// with a handful of queries, shared by every request (HybridCache L1 hands out the same instance), and filtered,
/// faceted and paged in memory. A storefront sells hundreds to a few thousand products; see ADR 0004.
/// </summary>
[ImmutableObject(true)]
public sealed class CatalogSnapshot
{
    private Dictionary<string, ProductView>? _bySlug;
    private Dictionary<Guid, DropView>? _drops;

    public required List<ProductView> Products { get; init; }

    public required List<DropView> Drops { get; init; }

    /// <summary>Country → VAT, for tax-inclusive display.</summary>
    public required Dictionary<string, TaxView> Taxes { get; init; }

    [JsonIgnore]
    public IReadOnlyDictionary<string, ProductView> BySlug => _bySlug ??= Products.ToDictionary(p => p.Slug, StringComparer.Ordinal);

    [JsonIgnore]
    public IReadOnlyDictionary<Guid, DropView> DropsById => _drops ??= Drops.ToDictionary(d => d.Id);

    /// <summary>Whether a caller of <paramref name="tier"/> sees the product now: every drop it belongs to is open.</summary>
    public bool IsVisible(ProductView product, string? tier, DateTimeOffset now)
    {
        foreach (var drop in product.Drops)
        {
            if (DropsById.TryGetValue(drop, out var d) && !Collection.IsOpen(d.AvailableFrom, tier, now)) return false;
        }
        return true;
    }

    /// <summary>Which drops are open to the caller: part of listing cache keys, so a drop opening changes the key.</summary>
    public string OpenDropsKey(string? tier, DateTimeOffset now)
    {
        if (Drops.Count == 0) return "-";
        var open = new System.Text.StringBuilder(Drops.Count);
        foreach (var drop in Drops) open.Append(Collection.IsOpen(drop.AvailableFrom, tier, now) ? '1' : '0');
        return open.ToString();
    }
}
