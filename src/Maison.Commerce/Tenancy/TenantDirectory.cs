using Maison.Commerce.Persistence;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Tenancy;

/// <summary>
/// Slug → tenant, cached in process for a minute: tenants are created rarely and never renamed by slug, and only
/// hits are cached, so a tenant created on another replica is visible at once.
/// </summary>
public sealed class TenantDirectory(IServiceScopeFactory scopes, IMemoryCache cache) : ITenantDirectory
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);

    public async ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct)
    {
        if (cache.TryGetValue(("tenant-slug", slug), out TenantInfo? hit)) return hit;
        var found = await LoadAsync(t => t.Slug == slug, ct);
        if (found is not null) Remember(found);
        return found;
    }

    public async ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct)
    {
        if (cache.TryGetValue(("tenant-id", id), out TenantInfo? hit)) return hit;
        var found = await LoadAsync(t => t.Id == id, ct);
        if (found is not null) Remember(found);
        return found;
    }

    public async Task<IReadOnlyList<TenantInfo>> AllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var rows = await db.Set<Tenant>().AsNoTracking().OrderBy(t => t.Slug).ToListAsync(ct);
        return rows.Select(ToInfo).ToList();
    }

    public void Forget(TenantInfo tenant)
    {
        cache.Remove(("tenant-slug", tenant.Slug));
        cache.Remove(("tenant-id", tenant.Id));
    }

    private void Remember(TenantInfo tenant)
    {
        cache.Set(("tenant-slug", tenant.Slug), tenant, Ttl);
        cache.Set(("tenant-id", tenant.Id), tenant, Ttl);
    }

    private async Task<TenantInfo?> LoadAsync(System.Linq.Expressions.Expression<Func<Tenant, bool>> predicate, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var tenant = await db.Set<Tenant>().AsNoTracking().FirstOrDefaultAsync(predicate, ct);
        return tenant is null ? null : ToInfo(tenant);
    }

    internal static TenantInfo ToInfo(Tenant t) => new(t.Id, t.Slug, t.Name, t.DefaultCurrency, t.Currencies);
}
