using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Membership;

/// <summary>
/// Renews memberships a few days before they expire, retries past-due ones while their grace lasts, and expires
/// those whose grace is over. Safe to run twice at once: a period's payment is one payment, and saves are versioned.
/// </summary>
public sealed class MembershipRenewalJob(IServiceScopeFactory scopes, MembershipOptions options, TimeProvider time, ILogger<MembershipRenewalJob> logger)
    : IRecurringJob
{
    public Task RunAsync(CancellationToken ct) => scopes.ForEachTenantAsync(async (services, token) =>
    {
        var db = services.GetRequiredService<CommerceDb>();
        var tenant = services.GetRequiredService<TenantContext>();
        var now = time.GetUtcNow();
        var renewBy = now + options.RenewalLead;
        var retryBefore = now - options.RetryEvery;

        var expiring = await db.Set<Member>().AsNoTracking()
            .Where(m => m.Status == MembershipStatus.PastDue && m.GraceEndsAt <= now)
            .Select(m => m.Id).ToListAsync(token);
        var due = await db.Set<Member>().AsNoTracking()
            .Where(m => (m.Status == MembershipStatus.Active && m.ExpiresAt <= renewBy)
                        || (m.Status == MembershipStatus.PastDue && m.GraceEndsAt > now && (m.LastRenewalAttemptAt == null || m.LastRenewalAttemptAt <= retryBefore)))
            .Select(m => m.Id).ToListAsync(token);

        foreach (var id in expiring) await OneAsync(tenant, id, (s, i) => s.ExpireAsync(i, token));
        foreach (var id in due) await OneAsync(tenant, id, (s, i) => s.RenewAsync(i, token));
    }, ct);

    private async Task OneAsync(TenantContext tenant, Guid memberId, Func<Subscriptions, Guid, Task> work)
    {
        // One scope per member: a failure (or a concurrent run that got there first) must not stop the others.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Required, tenant.Slug!);
        try
        {
            await work(scope.ServiceProvider.GetRequiredService<Subscriptions>(), memberId);
        }
        catch (DomainException ex)
        {
            logger.LogWarning("Membership job skipped member {MemberId} in tenant {Tenant}: {Code}", memberId, tenant.TenantId, ex.Code);
        }
    }
}
