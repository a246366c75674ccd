using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// Keeps the outbox and inbox small. Inbox rows outlive outbox rows by far, so that a message redelivered late (a
/// replayed dead letter, a broker redelivery) still finds the record of handlers that applied it.
/// </summary>
public sealed class OutboxPurgeJob(CommerceDb db, TimeProvider time) : IRecurringJob
{
    public static readonly TimeSpan OutboxRetention = TimeSpan.FromDays(7);
    public static readonly TimeSpan InboxRetention = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var outboxBefore = now - OutboxRetention;
        var inboxBefore = now - InboxRetention;
        await db.Set<OutboxMessage>().Where(m => m.ProcessedAt != null && m.ProcessedAt < outboxBefore).ExecuteDeleteAsync(ct);
        await db.Set<InboxEntry>().Where(e => e.ProcessedAt < inboxBefore).ExecuteDeleteAsync(ct);
    }
}
