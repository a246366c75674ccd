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

        var row = await FindAsync(accountId, ct);
        var now = time.GetUtcNow();
        var standing = row is null
            ? MemberStanding.Guest
            : new MemberStanding(row.Id, row.Status, row.Tier, row.TierRank,
                row.Status == MembershipStatus.Active || (row.Status == MembershipStatus.PastDue && row.GraceEndsAt > now));
        cache.Set(key, standing, Lifetime);
        return standing;
    }

    private async Task<StandingRow?> FindAsync(Guid accountId, CancellationToken ct)
    {
        StandingRow? row = null;
        void Take(StandingRow found)
        {
            if (row is not null) throw new InvalidOperationException($"Account {accountId} has two memberships in one tenant.");
            row = found;
        }
        if (db.IsPostgres)
        {
            // Every checkout asks once (ADR 0021): one plain statement on the unique (tenant, account) index, without EF's
            // query pipeline, which cost more of the server's CPU than the statement cost PostgreSQL.
            var tenantId = db.CurrentTenantId;
            await SqlRead.ReadAsync(db, ByAccountSql, parameters =>
            {
                parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = tenantId });
                parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = accountId });
            }, r => Take(new StandingRow(r.GetGuid(0), Enum.Parse<MembershipStatus>(r.GetString(1)), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetInt32(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4))), ct);
            return row;
        }
        await foreach (var found in ByAccount(db, accountId).WithCancellation(ct)) Take(found);
        return row;
    }

    private const string ByAccountSql =
        "SELECT id, status, tier, tier_rank, grace_ends_at FROM membership.members WHERE tenant_id = $1 AND account_id = $2 LIMIT 2";

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
