using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Payments;

/// <summary>
/// Serialises work on one payment (ADR 0004): PostgreSQL locks its row with <c>SELECT … FOR UPDATE</c>; SQLite has one
/// writer per database, so an immediate write to the row takes the write lock before the payment is read. Either way
/// the lock lasts until the surrounding transaction ends, and a second capture or refund reads the first one's result.
/// </summary>
internal static class PaymentLock
{
    /// <summary>Loads the payment locked, inside the caller's transaction; null if it is not this tenant's.</summary>
    public static async Task<Payment?> LockAsync(this CommerceDb db, Guid paymentId, CancellationToken ct)
    {
        // A copy read before the lock would be stale: forget it so the locked read is the one we act on.
        foreach (var entry in db.ChangeTracker.Entries<Payment>().ToList()) entry.State = EntityState.Detached;

        if (db.IsPostgres)
        {
            return await db.Set<Payment>()
                .FromSql($"SELECT * FROM payments.payments WHERE id = {paymentId} FOR UPDATE")
                .SingleOrDefaultAsync(ct);
        }
        await db.Set<Payment>().Where(p => p.Id == paymentId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version), ct);
        return await db.Set<Payment>().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
    }
}
