using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Payments;

/// <summary>
/// Settles authorizations whose answer was lost (<c>requires_reconciliation</c>, or pending past the in-flight lease)
/// by asking the gateway what became of their idempotency key. Idempotent: a settled payment is left alone.
/// </summary>
public sealed class PaymentReconciliationJob(IServiceScopeFactory scopes, TimeProvider time) : IRecurringJob
{
    public Task RunAsync(CancellationToken ct) => scopes.ForEachTenantAsync(async (services, token) =>
    {
        var db = services.GetRequiredService<CommerceDb>();
        var payments = services.GetRequiredService<PaymentService>();
        var stale = time.GetUtcNow() - PaymentService.InFlightLease;
        var ids = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.Status == PaymentStatus.RequiresReconciliation || (p.Status == PaymentStatus.Pending && p.UpdatedAt < stale))
            .OrderBy(p => p.UpdatedAt).Select(p => p.Id).Take(500).ToListAsync(token);
        foreach (var id in ids) await payments.ReconcileAsync(id, token);
    }, ct);
}
