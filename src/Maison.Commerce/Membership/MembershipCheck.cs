using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Membership;

/// <summary>
/// <see cref="IMembershipCheck"/>: one indexed query per login, kept a few seconds in memory because storefront reads
/// ask on every request. This process forgets an entry as soon as it changes the membership; other replicas see the
/// change within <see cref="Lifetime"/>.
/// </summary>
public sealed class MembershipCheck(CommerceDb db, IMemoryCache cache, TimeProvider time) : IMembershipCheck
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<MemberStanding> StandingAsync(Guid accountId, CancellationToken ct)
    {
        if (accountId == Guid.Empty || !db.Tenant.IsSet) return MemberStanding.Guest;
        var key = Key(db.Tenant.TenantId, accountId);
        if (cache.TryGetValue(key, out MemberStanding? cached) && cached is not null) return cached;

        StandingRow? row = null;
        await foreach (var found in ByAccount(db, accountId).WithCancellation(ct))
        {
            if (row is not null) throw new InvalidOperationException($"Account {accountId} has two memberships in one tenant.");
            row = found;
        }
        var now = time.GetUtcNow();
        var standing = row is null
            ? MemberStanding.Guest
            : new MemberStanding(row.Id, row.Status, row.Tier, row.TierRank,
                row.Status == MembershipStatus.Active || (row.Status == MembershipStatus.PastDue && row.GraceEndsAt > now));
        cache.Set(key, standing, Lifetime);
        return standing;
    }

    // Compiled once: every member request that misses the cache asks (ADR 0013).
    private static readonly Func<CommerceDb, Guid, IAsyncEnumerable<StandingRow>> ByAccount = EF.CompileAsyncQuery((CommerceDb db, Guid accountId) =>
        db.Set<Member>().AsNoTracking().Where(m => m.AccountId == accountId).Take(2)
            .Select(m => new StandingRow(m.Id, m.Status, m.Tier, m.TierRank, m.GraceEndsAt)));

    private sealed record StandingRow(Guid Id, MembershipStatus Status, string? Tier, int TierRank, DateTimeOffset? GraceEndsAt);

    public void Forget(Guid accountId) => cache.Remove(Key(db.Tenant.TenantId, accountId));

    private static (string, Guid, Guid) Key(Guid tenantId, Guid accountId) => ("membership-standing", tenantId, accountId);
}

/// <summary>The requirement behind <see cref="MembershipPolicies.ActiveMember"/>.</summary>
public sealed class ActiveMemberRequirement : IAuthorizationRequirement;

internal sealed class ActiveMemberHandler : AuthorizationHandler<ActiveMemberRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveMemberRequirement requirement)
    {
        if (context.Resource is not HttpContext http) return;
        var caller = http.Caller();
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        if (caller.Kind != CallerKind.Member || !tenant.IsSet || caller.TenantId != tenant.TenantId) return;
        var standing = await http.RequestServices.GetRequiredService<IMembershipCheck>().StandingAsync(caller.AccountId, http.RequestAborted);
        if (standing.IsPrivileged) context.Succeed(requirement);
    }
}
