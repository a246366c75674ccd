using System.Text.Json;
using System.Text.Json.Serialization;
using Maison.Commerce.Catalog.Caching;
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
    TenantContext tenant, ITenantDirectory tenants, IMembershipCheck membership, StorefrontCache cache, IServiceProvider services, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<CachedResponse> ProductAsync(HttpContext http, string slug, string? currency, string? country, CancellationToken ct)
    {
        var (request, snapshot) = await PrepareAsync(http, currency, ct);
        if (!snapshot.BySlug.TryGetValue(slug, out var product) || !snapshot.IsVisible(product, request.Standing.Tier, time.GetUtcNow()))
        {
            throw DomainException.NotFound("Product");
        }
        var showPrices = StorefrontViews.ShowsPrices(request.Standing);
        var tax = country is null ? null : snapshot.Taxes.GetValueOrDefault(country);
        return await cache.ResponseAsync(tenant.Required, request.Version, $"p:{slug}:{request.Currency}:{(showPrices ? 1 : 0)}:{country}",
            (product, request.Currency, showPrices, tax),
            static (s, _) => ValueTask.FromResult(CachedResponse.For(JsonSerializer.SerializeToUtf8Bytes(StorefrontViews.Product(s.product, s.Currency, s.showPrices, s.tax), Json))),
            product.CacheTags, ct);
    }

    public async Task<CachedResponse> ListingAsync(HttpContext http, ListingFilter filter, string? currency, CancellationToken ct)
    {
        var (request, snapshot) = await PrepareAsync(http, currency, ct);
        var now = time.GetUtcNow();
        var showPrices = StorefrontViews.ShowsPrices(request.Standing);
        var key = $"l:{request.Currency}:{(showPrices ? 1 : 0)}:{snapshot.OpenDropsKey(request.Standing.Tier, now)}:{filter.Key}";
        var state = (snapshot, filter, request, showPrices, now, services);
        return await cache.ResponseAsync(tenant.Required, request.Version, key, state, static async (s, ct) =>
        {
            var ranked = s.filter.Q is { Length: > 0 } q
                ? await s.services.GetRequiredService<ProductSearch>().SearchAsync(q, ct)
                : null;
            var listing = ListingQuery.Run(s.snapshot, s.filter, ranked, s.request.Currency, s.showPrices, s.request.Standing.Tier, s.now);
            return CachedResponse.For(JsonSerializer.SerializeToUtf8Bytes(listing, Json));
        }, null, ct);
    }

    private async Task<(StorefrontRequest Request, CatalogSnapshot Snapshot)> PrepareAsync(HttpContext http, string? currency, CancellationToken ct)
    {
        var info = await tenants.FindByIdAsync(tenant.Required, ct) ?? throw DomainException.NotFound("Tenant");
        var code = currency is null ? info.DefaultCurrency : Currency.From(currency).Code;
        if (!info.Currencies.Contains(code)) throw DomainException.Validation("currency", $"The storefront does not sell in {code}.");
        var caller = http.Caller();
        var standing = caller.Kind == CallerKind.Member && caller.TenantId == tenant.Required
            ? await membership.StandingAsync(caller.AccountId, ct)
            : MemberStanding.Guest;
        var version = await cache.VersionAsync(tenant.Required);
        var snapshot = await cache.SnapshotAsync(tenant.Required, version,
            ct2 => new ValueTask<CatalogSnapshot>(services.GetRequiredService<SnapshotLoader>().LoadAsync(ct2)), ct);
        return (new StorefrontRequest(code, standing, version), snapshot);
    }

    private sealed record StorefrontRequest(string Currency, MemberStanding Standing, long Version);
}
