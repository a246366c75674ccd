using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Catalog.Contracts;

/// <summary>
/// The storefront cache's invalidation hook: call it after a change the storefront shows (prices, stock). It is
/// cross-instance: every server serves the change on its next read (docs/adr/0005-storefront-cache-invalidation.md).
/// </summary>
public interface IStorefrontCache
{
    /// <summary>Drops everything cached for the tenant's storefront.</summary>
    Task InvalidateTenantAsync(Guid tenantId, CancellationToken ct);

    /// <summary>Drops what is cached for these SKUs (<c>sku:{sku}</c>) and products (<c>product:{id}</c>), e.g. on <c>StockChanged</c>.</summary>
    Task InvalidateAsync(Guid tenantId, IReadOnlyCollection<string> skus, IReadOnlyCollection<Guid> productIds, CancellationToken ct);
}

[EventType("brand.created")]
public sealed record BrandCreated(Guid BrandId, string Slug, string Name) : IntegrationEvent;

[EventType("category.created")]
public sealed record CategoryCreated(Guid CategoryId, string Slug, string Name) : IntegrationEvent;

[EventType("product.created")]
public sealed record ProductCreated(Guid ProductId, string Slug, string Brand, string Status, IReadOnlyList<string> Skus) : IntegrationEvent;

/// <summary>Any change of a product: fields, status, variants, prices set with it.</summary>
[EventType("product.updated")]
public sealed record ProductUpdated(Guid ProductId, string Slug, string Brand, string Status, long Version, IReadOnlyList<string> Skus) : IntegrationEvent;

[EventType("collection.updated")]
public sealed record CollectionUpdated(Guid CollectionId, string Slug, IReadOnlyList<string> Products) : IntegrationEvent;
