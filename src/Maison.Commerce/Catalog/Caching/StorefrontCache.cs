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
/// What shows availability (the stock per market, and the responses built with it) is also never older than
/// <c>availabilityMaxAge</c> (ADR 0029): a hold that leaves few units publishes no event, and a signal can be lost, so
/// the versions alone would let "in stock" stand for as long as an entry lives.
/// </summary>
public sealed class StorefrontCache(HybridCache cache, ICatalogVersions versions, TimeSpan availabilityMaxAge) : IStorefrontCache
{
    /// <summary>The default of <c>Maison:Catalog:AvailabilityMaxAgeSeconds</c>.</summary>
    public static readonly TimeSpan DefaultAvailabilityMaxAge = TimeSpan.FromSeconds(60);

    /// <summary>The catalogue itself changes only through us, and every change retires its version.</summary>
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(30),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
    };

    /// <summary>
    /// A third of the maximum age for each of the three places availability passes through: the stock entry, the response
    /// built from it (HybridCache), and the front entries that hand that response out.
    /// </summary>
    private readonly long _sliceMs = Slice(availabilityMaxAge);

    private readonly HybridCacheEntryOptions _availabilityEntry = new()
    {
        Expiration = TimeSpan.FromMilliseconds(Slice(availabilityMaxAge)),
        LocalCacheExpiration = TimeSpan.FromMilliseconds(Slice(availabilityMaxAge)),
    };

    private static long Slice(TimeSpan maxAge) => (long)Math.Max(1_000, maxAge.TotalMilliseconds / 3);

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
        cache.GetOrCreateAsync($"catalog:{tenantId:N}:{version}:stock:{country}", state, load, _availabilityEntry, [TenantTag(tenantId)], ct);

    /// <summary>A serialized response under <paramref name="key"/> (within the tenant's current version).</summary>
    public async ValueTask<CachedResponse> ResponseAsync<TState>(Guid tenantId, long version, string key, TState state,
        Func<TState, CancellationToken, ValueTask<CachedResponse>> build, IEnumerable<string>? tags, CancellationToken ct)
    {
        if (_current.TryGetValue(tenantId, out var front) && front.Version == version && front.Fresh(_sliceMs) && front.Responses.TryGetValue(key, out var hit))
        {
            return hit;
        }
        var response = await cache.GetOrCreateAsync($"catalog:{tenantId:N}:{version}:{key}", state, build, _availabilityEntry,
            tags is null ? [TenantTag(tenantId)] : [TenantTag(tenantId), .. tags], ct);
        var entries = Front(tenantId, version);
        if (entries.Responses.Count < MaxFrontEntries) entries.Responses.TryAdd(key, response);
        return response;
    }

    /// <summary>
    /// The front entries of <paramref name="version"/>; a newer version replaces an older one, never the reverse. Past
    /// its slice of the availability's maximum age, the same version starts afresh, keeping its snapshot.
    /// </summary>
    private CurrentEntries Front(Guid tenantId, long version) =>
        _current.AddOrUpdate(tenantId, static (_, a) => new CurrentEntries(a.version, null),
            static (_, existing, a) => existing.Version > a.version || (existing.Version == a.version && existing.Fresh(a.slice))
                ? existing
                : new CurrentEntries(a.version, existing.Version == a.version ? existing.Snapshot : null),
            (version, slice: _sliceMs)) is { } e && e.Version == version
            ? e
            : new CurrentEntries(version, null); // an older version still being served to a slow request: not kept

    private sealed class CurrentEntries(long version, CatalogSnapshot? snapshot)
    {
        private readonly long _bornAt = Environment.TickCount64;

        public long Version { get; } = version;

        public CatalogSnapshot? Snapshot { get; set; } = snapshot;

        public ConcurrentDictionary<string, CachedResponse> Responses { get; } = new(StringComparer.Ordinal);

        /// <summary>Its responses may still be handed out: younger than <paramref name="sliceMs"/>.</summary>
        public bool Fresh(long sliceMs) => Environment.TickCount64 - _bornAt < sliceMs;
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
