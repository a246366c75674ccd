using System.Collections.Concurrent;
using Maison.Commerce.Persistence;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Tenancy;

/// <summary>
/// Slug → tenant, cached in process for a minute: tenants are created rarely and never renamed by slug, and only
/// hits are cached, so a tenant created on another replica is visible at once. Every tenant-scoped request looks
/// its tenant up, so a hit is two lock-free dictionary reads with no allocation.
/// </summary>
public sealed class TenantDirectory(IServiceScopeFactory scopes) : ITenantDirectory
{
    private static readonly long TtlMs = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private readonly ConcurrentDictionary<string, Entry> _bySlug = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Entry> _byId = new();

    public ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct) =>
        _bySlug.TryGetValue(slug, out var hit) && hit.IsFresh ? ValueTask.FromResult<TenantInfo?>(hit.Tenant) : LoadAsync(t => t.Slug == slug, ct);

    public ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct) =>
        _byId.TryGetValue(id, out var hit) && hit.IsFresh ? ValueTask.FromResult<TenantInfo?>(hit.Tenant) : LoadAsync(t => t.Id == id, ct);

    public async Task<IReadOnlyList<TenantInfo>> AllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var rows = await db.Set<Tenant>().AsNoTracking().OrderBy(t => t.Slug).ToListAsync(ct);
        return rows.Select(ToInfo).ToList();
    }

    public void Forget(TenantInfo tenant)
    {
        _bySlug.TryRemove(tenant.Slug, out _);
        _byId.TryRemove(tenant.Id, out _);
    }

    private async ValueTask<TenantInfo?> LoadAsync(System.Linq.Expressions.Expression<Func<Tenant, bool>> predicate, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var tenant = await db.Set<Tenant>().AsNoTracking().FirstOrDefaultAsync(predicate, ct);
        if (tenant is null) return null;
        var info = ToInfo(tenant);
        var entry = new Entry(info, Environment.TickCount64 + TtlMs);
        _bySlug[info.Slug] = entry;
        _byId[info.Id] = entry;
        return info;
    }

    private sealed record Entry(TenantInfo Tenant, long ExpiresAtMs)
    {
        public bool IsFresh => Environment.TickCount64 < ExpiresAtMs;
    }

    internal static TenantInfo ToInfo(Tenant t) => new(t.Id, t.Slug, t.Name, t.DefaultCurrency, t.Currencies);
}
