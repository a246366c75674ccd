using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// Retires the storefront's cached availability when Inventory reports a change of stock. Delivered by the relay
/// (worker role) at least once; a second invalidation of the same SKU is harmless, so it runs without the inbox
/// (<see cref="IRepeatableEventHandler"/>): two checkouts' stock messages cost no round trip of ours (ADR 0013).
/// </summary>
internal sealed class StockInvalidation(IStorefrontCache cache, TenantContext tenant)
    : IEventHandler<StockChanged>, IEventHandler<SoldOut>, IEventHandler<BackInStock>, IRepeatableEventHandler
{
    public Task HandleAsync(StockChanged @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, [@event.Sku], [], ct);

    public Task HandleAsync(SoldOut @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, [@event.Sku], [], ct);

    public Task HandleAsync(BackInStock @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, [@event.Sku], [], ct);
}
