using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// A per-tenant number that every storefront cache key carries. Bumping it retires every cached entry of the
/// tenant at once, on every instance: HybridCache's own tag removal does not reach other instances' L1 (ADR 0004).
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

/// <summary>
/// Several instances: the version is a Redis key read on every storefront request (one GET, pipelined by the
/// multiplexer), so a change made through one instance is served by all on their next read.
/// </summary>
internal sealed class RedisCatalogVersions(IConnectionMultiplexer redis) : ICatalogVersions
{
    public async ValueTask<long> CurrentAsync(Guid tenantId)
    {
        var db = redis.GetDatabase();
        var value = await db.StringGetAsync(Key(tenantId));
        if (value.HasValue) return (long)value;
        // A missing key (first use, or Redis lost its data) restarts from the clock, never from a number used before.
        await db.StringSetAsync(Key(tenantId), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), when: When.NotExists);
        return (long)await db.StringGetAsync(Key(tenantId));
    }

    public async Task BumpAsync(Guid tenantId)
    {
        var db = redis.GetDatabase();
        await CurrentAsync(tenantId);
        await db.StringIncrementAsync(Key(tenantId));
    }

    private static RedisKey Key(Guid tenantId) => $"maison:catalog:version:{tenantId:N}";
}
