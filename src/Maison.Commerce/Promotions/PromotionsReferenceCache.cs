using Maison.Commerce.Promotions.Shipping;
using Microsoft.Extensions.Caching.Memory;

namespace Maison.Commerce.Promotions;

/// <summary>
/// The tenant's automatic promotions and shipping methods, which every cart view and checkout reads and staff rarely
/// change, kept in memory for <see cref="Lifetime"/> (as <c>MembershipCheck</c> keeps a member's standing). This process
/// forgets a tenant's entry as soon as it creates one; other replicas see the change within <see cref="Lifetime"/>.
/// Nothing that must be exact comes from here: date windows are checked against the clock at each quote, and usage
/// limits are re-read fresh (quote) and enforced by the conditional updates of the redemption (checkout).
/// </summary>
internal sealed class PromotionsReferenceCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<Promotion>> AutomaticAsync(Guid tenantId, Func<Task<List<Promotion>>> load) =>
        await GetAsync(("promotions-automatic", tenantId), load);

    public async Task<IReadOnlyList<ShippingMethod>> ShippingMethodsAsync(Guid tenantId, Func<Task<List<ShippingMethod>>> load) =>
        await GetAsync(("shipping-methods", tenantId), load);

    public void ForgetAutomatic(Guid tenantId) => cache.Remove(("promotions-automatic", tenantId));

    public void ForgetShippingMethods(Guid tenantId) => cache.Remove(("shipping-methods", tenantId));

    private async Task<IReadOnlyList<T>> GetAsync<T>((string, Guid) key, Func<Task<List<T>>> load)
    {
        if (cache.TryGetValue(key, out IReadOnlyList<T>? hit) && hit is not null) return hit;
        IReadOnlyList<T> loaded = await load();
        cache.Set(key, loaded, Lifetime);
        return loaded;
    }
}
