namespace Maison.Commerce.Inventory.Contracts;

/// <summary>What a storefront shows for a variant.</summary>
public enum StockStatus
{
    InStock,
    Low,
    SoldOut,
}

/// <summary>A SKU's sellable units over the locations serving one market.</summary>
public sealed record SkuAvailability(string Sku, StockStatus Status, int Available);

/// <summary>Storefront availability (Catalog calls it for product pages and lists).</summary>
public interface IAvailability
{
    /// <summary>One entry per requested SKU; SKUs without stock are <see cref="StockStatus.SoldOut"/>.</summary>
    Task<IReadOnlyDictionary<string, SkuAvailability>> ForSkusAsync(IReadOnlyCollection<string> skus, string country, CancellationToken ct);
}
