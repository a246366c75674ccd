using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Platform;

/// <summary>Stored idempotent responses are kept 24 hours (API.md); this deletes the expired ones in batches.</summary>
public sealed class IdempotencyCleanupJob(CommerceDb db, TimeProvider time) : IRecurringJob
{
    private const int Batch = 5000;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        int deleted;
        do
        {
            var ids = await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).OrderBy(r => r.ExpiresAt)
                .Select(r => r.Id).Take(Batch).ToListAsync(ct);
            deleted = ids.Count == 0 ? 0 : await db.Set<IdempotencyRecord>().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct);
        } while (deleted == Batch);
    }
}
