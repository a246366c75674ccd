using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Platform;

/// <summary>CommerceDb is pooled (ADR 0009): a reused instance must carry its scope's tenant, never the previous one's.</summary>
public sealed class PooledContextTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_context_back_from_one_tenants_scope_serves_the_next_scope_without_that_tenant()
    {
        var tenant = Guid.NewGuid();
        CommerceDb first;
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, "pooled");
            first = scope.ServiceProvider.GetRequiredService<CommerceDb>();
            Assert.Equal(tenant, first.CurrentTenantId);
        }

        // The pool is a queue that background work shares: rent until the same instance comes back.
        var reused = false;
        for (var i = 0; i < 200 && !reused; i++)
        {
            await using var scope = fixture.Server.Services.CreateAsyncScope();
            var next = scope.ServiceProvider.GetRequiredService<CommerceDb>();
            Assert.Equal(Guid.Empty, next.CurrentTenantId);
            Assert.False(next.Tenant.IsSet);
            reused = ReferenceEquals(first, next);
        }
        Assert.True(reused, "the pool never handed the first context back");
    }

    [Fact]
    public async Task A_tenant_set_after_the_context_was_rented_is_the_one_its_queries_filter_by()
    {
        var tenant = Guid.NewGuid();
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, "late");
        Assert.Equal(tenant, db.CurrentTenantId);
    }
}
