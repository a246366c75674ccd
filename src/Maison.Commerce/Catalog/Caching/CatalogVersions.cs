using System.Collections.Concurrent;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// A per-tenant number that every storefront cache key carries. Bumping it retires every cached entry of the
/// tenant at once, on every instance: HybridCache's own tag removal does not reach other instances' L1 (ADR 0005).
/// </summary>
public interface ICatalogVersions
{
    ValueTask<long> CurrentAsync(Guid tenantId);

    Task BumpAsync(Guid tenantId);
}

/// <summary>One process (the embedded run): the version lives in memory.</summary>
internal sealed class LocalCatalogVersions : ICatalogVersions
{
    // Seeded from the clock so that a restarted process never reuses a key an L2 might still hold.
    private readonly long _seed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();

    public ValueTask<long> CurrentAsync(Guid tenantId) => ValueTask.FromResult(_versions.GetOrAdd(tenantId, _seed));

    public Task BumpAsync(Guid tenantId)
    {
        _versions.AddOrUpdate(tenantId, _seed + 1, (_, v) => v + 1);
        return Task.CompletedTask;
    }
}
