using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Pricing.Contracts;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// Retires the storefront cache when catalogue or price events are delivered. The request that made the change
/// already did so after its commit; this closes the gap when that process died in between (ADR 0004). Bumping a
/// version twice is harmless, so at-least-once delivery needs no more.
/// </summary>
internal sealed class StorefrontInvalidation(IStorefrontCache cache, TenantContext tenant)
    : IEventHandler<ProductCreated>, IEventHandler<ProductUpdated>, IEventHandler<CollectionUpdated>,
      IEventHandler<PricesChanged>, IEventHandler<PriceListPublished>, IEventHandler<TaxRateSet>
{
    public Task HandleAsync(ProductCreated @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, @event.Skus, [@event.ProductId], ct);

    public Task HandleAsync(ProductUpdated @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, @event.Skus, [@event.ProductId], ct);

    public Task HandleAsync(CollectionUpdated @event, CancellationToken ct) => cache.InvalidateTenantAsync(tenant.Required, ct);

    public Task HandleAsync(PricesChanged @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, @event.Skus, [], ct);

    public Task HandleAsync(PriceListPublished @event, CancellationToken ct) => cache.InvalidateTenantAsync(tenant.Required, ct);

    public Task HandleAsync(TaxRateSet @event, CancellationToken ct) => cache.InvalidateTenantAsync(tenant.Required, ct);
}
