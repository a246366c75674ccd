using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Platform.Events;

/// <summary>The operator's view of messages that ran out of retries: list them, and replay one after a fix.</summary>
public sealed class DeadLetters(CommerceDb db, TimeProvider time)
{
    /// <summary>Newest first, keyset-paged by insertion order.</summary>
    public async Task<Page<DeadLetter>> ListAsync(int? limit, string? after, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<DeadLetter>().AsNoTracking();
        if (from is not null)
        {
            if (!long.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
            {
                throw DomainException.Validation("after", "The cursor is not valid.");
            }
            query = query.Where(d => d.Sequence < sequence);
        }
        var rows = await query.OrderByDescending(d => d.Sequence).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows, take, d => d.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), d => d);
    }

    public async Task<DeadLetter> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<DeadLetter>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw DomainException.NotFound("Dead letter");

    /// <summary>
    /// Puts the message back into the outbox with fresh attempts. Handlers that applied it already skip it (inbox), so
    /// only the ones that failed run again. A dead letter is replayed once; a new failure makes a new dead letter.
    /// </summary>
    public async Task<DeadLetter> ReplayAsync(Guid id, CancellationToken ct)
    {
        var letter = await GetAsync(id, ct);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var marked = await db.Set<DeadLetter>().Where(d => d.Id == id && d.ReplayedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ReplayedAt, now), ct);
        if (marked == 0) throw new DomainException(ProblemCodes.InvalidTransition, "This dead letter was replayed already.", 409);

        var reset = await db.Set<OutboxMessage>().Where(m => m.Id == letter.MessageId && m.ProcessedAt != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ClaimedBy, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
        if (reset == 0 && !await db.Set<OutboxMessage>().AnyAsync(m => m.Id == letter.MessageId, ct))
        {
            // The processed row was purged since: write the message again from the dead letter's copy.
            db.Set<OutboxMessage>().Add(letter.ToOutboxMessage());
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        letter.ReplayedAt = now;
        return letter;
    }
}
