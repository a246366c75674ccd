using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// Retires the storefront's cached availability when Inventory reports a change of stock. Delivered by the relay
/// (worker role) at least once; a second invalidation of the same SKU is harmless, so it runs without the inbox
/// (<see cref="IRepeatableEventHandler"/>): two checkouts' stock messages cost no round trip of ours (ADR 0013).
/// A change that left the level's available units where they were (a sale: on-hand and reserved fall together) cannot
/// change what the storefront shows, so it retires nothing (ADR 0019): a drop's sales keep the storefront's cache warm.
/// </summary>
internal sealed class StockInvalidation(IStorefrontCache cache, TenantContext tenant)
    : IEventHandler<StockChanged>, IEventHandler<SoldOut>, IEventHandler<BackInStock>, IRepeatableEventHandler
{
    public Task HandleAsync(StockChanged @event, CancellationToken ct) =>
        @event.AvailableChange == 0 ? Task.CompletedTask : cache.InvalidateAsync(tenant.Required, [@event.Sku], [], ct);

    public Task HandleAsync(SoldOut @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, [@event.Sku], [], ct);

    public Task HandleAsync(BackInStock @event, CancellationToken ct) => cache.InvalidateAsync(tenant.Required, [@event.Sku], [], ct);
}
