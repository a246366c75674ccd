using System.Text.Json;
using System.Text.Json.Serialization;
using Maison.Commerce.Catalog.Caching;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>
/// Serves the storefront's product page and listing from cached, pre-serialized responses. Per request: the
/// caller's standing, one version read, two L1 lookups; the database only when the catalogue changed.
/// </summary>
public sealed class StorefrontReader(
    TenantContext tenant, ITenantDirectory tenants, StorefrontCache cache, IServiceProvider services, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<CachedResponse> ProductAsync(HttpContext http, string slug, string? currency, string? country, CancellationToken ct)
    {
        var (request, snapshot) = await PrepareAsync(http, currency, country, ct);
        if (!snapshot.BySlug.TryGetValue(slug, out var product) || !snapshot.IsVisible(product, StorefrontViews.DropTier(request.Standing), time.GetUtcNow()))
        {
            throw DomainException.NotFound("Product");
        }
        var showPrices = StorefrontViews.ShowsPrices(request.Standing);
        var tax = country is null ? null : snapshot.Taxes.GetValueOrDefault(country);
        var state = (product, request, showPrices, tax, snapshot, tenant: tenant.Required, cache, services);
        return await cache.ResponseAsync(tenant.Required, request.Version, $"p:{slug}:{request.Currency}:{(showPrices ? 1 : 0)}:{country}:{request.Market}",
            state, static async (s, ct) =>
            {
                var stock = await StockAsync(s.cache, s.services, s.tenant, s.request, s.snapshot, ct);
                var view = StorefrontViews.Product(s.product, s.request.Currency, s.showPrices, s.tax, stock);
                return CachedResponse.For(JsonSerializer.SerializeToUtf8Bytes(view, Json));
            }, product.CacheTags, ct);
    }

    public async Task<CachedResponse> ListingAsync(HttpContext http, ListingFilter filter, string? currency, CancellationToken ct)
    {
        var (request, snapshot) = await PrepareAsync(http, currency, filter.Country, ct);
        var now = time.GetUtcNow();
        var showPrices = StorefrontViews.ShowsPrices(request.Standing);
        var key = $"l:{request.Currency}:{(showPrices ? 1 : 0)}:{request.Market}:{snapshot.OpenDropsKey(StorefrontViews.DropTier(request.Standing), now)}:{filter.Key}";
        var state = (snapshot, filter, request, showPrices, now, services, tenant: tenant.Required, cache);
        return await cache.ResponseAsync(tenant.Required, request.Version, key, state, static async (s, ct) =>
        {
            var ranked = s.filter.Q is { Length: > 0 } q
                ? await s.services.GetRequiredService<ProductSearch>().SearchAsync(q, ct)
                : null;
            var stock = await StockAsync(s.cache, s.services, s.tenant, s.request, s.snapshot, ct);
            var listing = ListingQuery.Run(s.snapshot, s.filter, ranked, s.request.Currency, s.showPrices, StorefrontViews.DropTier(s.request.Standing), s.now, stock);
            return CachedResponse.For(JsonSerializer.SerializeToUtf8Bytes(listing, Json));
        }, null, ct);
    }

    /// <summary>Only when a response is built (a cache miss): the market's availability, itself cached for the version.</summary>
    private static ValueTask<Dictionary<string, string>> StockAsync(StorefrontCache cache, IServiceProvider services, Guid tenantId,
        StorefrontRequest request, CatalogSnapshot snapshot, CancellationToken ct) =>
        cache.StockAsync(tenantId, request.Version, request.Market, (services, snapshot, request.Market),
            static (s, ct) => StorefrontStock.LoadAsync(s.services.GetRequiredService<IAvailability>(), s.snapshot, s.Market, ct), ct);

    private async Task<(StorefrontRequest Request, CatalogSnapshot Snapshot)> PrepareAsync(HttpContext http, string? currency, string? country, CancellationToken ct)
    {
        var info = await tenants.FindByIdAsync(tenant.Required, ct) ?? throw DomainException.NotFound("Tenant");
        var code = currency is null ? info.DefaultCurrency : Currency.From(currency).Code;
        if (!info.Currencies.Contains(code)) throw DomainException.Validation("currency", $"The storefront does not sell in {code}.");
        var caller = http.Caller();
        var standing = caller.Kind == CallerKind.Member && caller.TenantId == tenant.Required
            // Resolved only for members: a guest's request needs no membership service (nor its DbContext).
            ? await services.GetRequiredService<IMembershipCheck>().StandingAsync(caller.AccountId, ct)
            : MemberStanding.Guest;
        var version = await cache.VersionAsync(tenant.Required);
        var snapshot = await cache.SnapshotAsync(tenant.Required, version,
            ct2 => new ValueTask<CatalogSnapshot>(services.GetRequiredService<SnapshotLoader>().LoadAsync(ct2)), ct);
        return (new StorefrontRequest(code, country ?? StorefrontStock.DefaultCountry(info), standing, version), snapshot);
    }

    /// <param name="Market">The country whose stock the request sees: its <c>country</c>, else the tenant's default.</param>
    private sealed record StorefrontRequest(string Currency, string Market, MemberStanding Standing, long Version);
}
