namespace Maison.Commerce.Catalog.Contracts;

/// <summary>What other modules may know of a sellable unit.</summary>
public sealed record SkuInfo(string Sku, Guid VariantId, Guid ProductId, string ProductSlug, string Brand, string Title, IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<string> Categories);

/// <summary>Looks SKUs up in the current tenant's catalogue (Inventory scopes partners by brand, Checkout names lines).</summary>
public interface ISkuDirectory
{
    /// <summary>The known SKUs among <paramref name="skus"/>; unknown ones are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, SkuInfo>> FindAsync(IReadOnlyCollection<string> skus, CancellationToken ct);
}
