using System.Collections.Concurrent;
using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Catalog.Storefront;
using Microsoft.Extensions.Caching.Hybrid;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// The storefront's cached reads. Keys carry the tenant's catalogue version (<see cref="ICatalogVersions"/>), so an
/// invalidation is one version bump that every instance sees on its next read; HybridCache adds the in-process L1,
/// the shared L2 (Redis) and stampede protection (one factory call per key however many requests wait on it).
/// Tags (<c>tenant:</c>, <c>product:</c>, <c>sku:</c>) also evict this instance's entries at once.
/// </summary>
public sealed class StorefrontCache(HybridCache cache, ICatalogVersions versions) : IStorefrontCache
{
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(30),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
    };

    /// <summary>Hot entries of each tenant's current version, in front of HybridCache: a hit costs one dictionary read.</summary>
    private readonly ConcurrentDictionary<Guid, CurrentEntries> _current = new();

    /// <summary>Bounds the front dictionary per tenant and version (listings have unbounded filter combinations).</summary>
    private const int MaxFrontEntries = 20_000;

    public ValueTask<long> VersionAsync(Guid tenantId) => versions.CurrentAsync(tenantId);

    public async ValueTask<CatalogSnapshot> SnapshotAsync(Guid tenantId, long version, Func<CancellationToken, ValueTask<CatalogSnapshot>> load, CancellationToken ct)
    {
        if (_current.TryGetValue(tenantId, out var front) && front.Version == version && front.Snapshot is { } hit) return hit;
        var snapshot = await cache.GetOrCreateAsync($"catalog:{tenantId:N}:{version}:snapshot", load, static (load, ct) => load(ct), Entry, [TenantTag(tenantId)], ct);
        Front(tenantId, version).Snapshot = snapshot;
        return snapshot;
    }

    /// <summary>Availability per SKU in one market, beside the snapshot of the same version (see <see cref="Storefront.StorefrontStock"/>).</summary>
    public ValueTask<Dictionary<string, string>> StockAsync<TState>(Guid tenantId, long version, string country, TState state,
        Func<TState, CancellationToken, ValueTask<Dictionary<string, string>>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"catalog:{tenantId:N}:{version}:stock:{country}", state, load, Entry, [TenantTag(tenantId)], ct);

    /// <summary>A serialized response under <paramref name="key"/> (within the tenant's current version).</summary>
    public async ValueTask<CachedResponse> ResponseAsync<TState>(Guid tenantId, long version, string key, TState state,
        Func<TState, CancellationToken, ValueTask<CachedResponse>> build, IEnumerable<string>? tags, CancellationToken ct)
    {
        if (_current.TryGetValue(tenantId, out var front) && front.Version == version && front.Responses.TryGetValue(key, out var hit)) return hit;
        var response = await cache.GetOrCreateAsync($"catalog:{tenantId:N}:{version}:{key}", state, build, Entry,
            tags is null ? [TenantTag(tenantId)] : [TenantTag(tenantId), .. tags], ct);
        var entries = Front(tenantId, version);
        if (entries.Responses.Count < MaxFrontEntries) entries.Responses.TryAdd(key, response);
        return response;
    }

    /// <summary>The front entries of <paramref name="version"/>; a newer version replaces an older one, never the reverse.</summary>
    private CurrentEntries Front(Guid tenantId, long version) =>
        _current.AddOrUpdate(tenantId, static (_, v) => new CurrentEntries(v),
            static (_, existing, v) => existing.Version >= v ? existing : new CurrentEntries(v), version) is { } e && e.Version == version
            ? e
            : new CurrentEntries(version); // an older version still being served to a slow request: not kept

    private sealed class CurrentEntries(long version)
    {
        public long Version { get; } = version;

        public CatalogSnapshot? Snapshot { get; set; }

        public ConcurrentDictionary<string, CachedResponse> Responses { get; } = new(StringComparer.Ordinal);
    }

    public async Task InvalidateTenantAsync(Guid tenantId, CancellationToken ct)
    {
        await versions.BumpAsync(tenantId);
        _current.TryRemove(tenantId, out _);
        await cache.RemoveByTagAsync(TenantTag(tenantId), ct);
    }

    public async Task InvalidateAsync(Guid tenantId, IReadOnlyCollection<string> skus, IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        // Listings and facets mix many products, so any change retires the tenant's version; the tags drop this
        // instance's entries for the named products without waiting for their L1 expiry.
        await versions.BumpAsync(tenantId);
        _current.TryRemove(tenantId, out _);
        await cache.RemoveByTagAsync([.. skus.Select(SkuTag), .. productIds.Select(ProductTag)], ct);
    }

    public static string TenantTag(Guid tenantId) => $"tenant:{tenantId:N}";

    /// <summary>Same format as <see cref="Storefront.ProductView.CacheTags"/>.</summary>
    public static string SkuTag(string sku) => $"sku:{sku}";

    public static string ProductTag(Guid productId) => $"product:{productId:N}";
}
