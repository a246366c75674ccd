using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Tenancy.Contracts;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>
/// Availability per variant (<c>in_stock</c> / <c>low</c> / <c>sold_out</c>) for one market, read from Inventory's
/// <see cref="IAvailability"/> once per catalogue version and market and cached beside the snapshot: the stock events
/// (<see cref="StockChanged"/>, <see cref="SoldOut"/>, <see cref="BackInStock"/>) retire both with the version.
/// </summary>
public static class StorefrontStock
{
    public const string InStock = "in_stock";
    public const string Low = "low";
    public const string SoldOut = "sold_out";

    public static string Name(StockStatus status) => status switch
    {
        StockStatus.InStock => InStock,
        StockStatus.Low => Low,
        _ => SoldOut,
    };

    /// <summary>SKU → status for every variant of the snapshot, in <paramref name="country"/>'s market.</summary>
    public static async ValueTask<Dictionary<string, string>> LoadAsync(IAvailability availability, CatalogSnapshot snapshot, string country, CancellationToken ct)
    {
        var skus = snapshot.Products.SelectMany(p => p.Variants.Select(v => v.Sku)).ToList();
        if (skus.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        var found = await availability.ForSkusAsync(skus, country, ct);
        return found.ToDictionary(kv => kv.Key, kv => Name(kv.Value.Status), StringComparer.Ordinal);
    }

    /// <summary>
    /// The market whose stock a request sees when it names no <c>country</c>: the country of the tenant's default
    /// currency. Tenancy keeps no default country yet; this table stands in until it does.
    /// </summary>
    public static string DefaultCountry(TenantInfo tenant) => tenant.DefaultCurrency switch
    {
        "GBP" => "GB",
        "JPY" => "JP",
        "USD" => "US",
        "CHF" => "CH",
        "EUR" => "FR",
        "KWD" => "KW",
        "BHD" => "BH",
        "AED" => "AE",
        "HKD" => "HK",
        "SGD" => "SG",
        "CNY" => "CN",
        "AUD" => "AU",
        "CAD" => "CA",
        _ => tenant.DefaultCurrency[..2],
    };
}
