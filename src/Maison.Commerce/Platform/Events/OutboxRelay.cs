using Maison.Commerce.Platform.Jobs;
using System.Collections.Concurrent;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// The worker's outbox relay (docs/adr/0004): polls for due messages, claims a batch with one conditional update
/// (so relays on several workers never deliver the same message at once), hands each to the sink and marks it
/// processed. A failure schedules a retry with backoff; after the limit the message becomes a dead letter. Delivery is
/// at least once; the inbox makes handlers apply each message once.
/// </summary>
public sealed class OutboxRelay(IServiceScopeFactory scopes, IOutboxSink sink, EventBusOptions options, TimeProvider time,
    ILogger<OutboxRelay> logger) : PollingWorker(time, logger)
{
    protected override TimeSpan Poll => options.Poll;

    /// <summary>Claims and delivers one batch; returns how many messages it claimed.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var claim = Guid.NewGuid();
        var claimedAt = Time.GetUtcNow();
        var batch = await ClaimAsync(db, claim, claimedAt, ct);
        if (batch.Count == 0) return 0;
        // Handlers run here (the in-process bus) may share a read across the messages of this claim (ADR 0015): all of
        // them committed before it. Not around a broker's publish: its client may start long-lived work on this flow.
        using var round = sink is InProcessSink ? DeliveryRound.Begin() : null;
        var delivered = new ConcurrentBag<long>();
        var failed = new ConcurrentBag<(OutboxMessage Message, Exception Error)>();
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
                async (message, token) =>
                {
                    // Past half the lease, leave the rest to the next claim rather than race a relay that took them over.
                    if (Time.GetUtcNow() - claimedAt > options.Lease / 2) return;
                    // A delivery that never completes (a broker confirm that never comes) must not hold the relay
                    // forever: past half the lease it counts as failed and is retried, on a fresh channel.
                    using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
                    bounded.CancelAfter(options.Lease / 2);
                    try
                    {
                        await sink.DeliverAsync(EventEnvelope.From(message), bounded.Token);
                        delivered.Add(message.Sequence);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        failed.Add((message, ex));
                    }
                });
        }
        finally
        {
            // Also on stop: what was delivered is marked, failures are scheduled, the rest is handed back at once.
            var now = Time.GetUtcNow();
            var done = delivered.ToList();
            if (done.Count > 0)
            {
                EventMetrics.Delivered.Add(done.Count);
                await db.Set<OutboxMessage>().Where(m => done.Contains(m.Sequence) && m.ClaimedBy == claim)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.ProcessedAt, now)
                        .SetProperty(m => m.ClaimedBy, (Guid?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
            foreach (var (message, error) in failed) await FailAsync(db, message, claim, error);
            // Handed back: what was neither delivered nor failed (a stop, or the lease half gone). When every message was
            // one or the other, nothing of the claim is left, and the statement (a scan of the claim's rows) is skipped.
            if (done.Count + failed.Count < batch.Count)
            {
                var claimed = batch.Select(m => m.Sequence).ToList();
                await db.Set<OutboxMessage>().Where(m => claimed.Contains(m.Sequence) && m.ClaimedBy == claim && m.ProcessedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                        CancellationToken.None);
            }
        }
        return batch.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CommerceDb db, Guid claim, DateTimeOffset now, CancellationToken ct)
    {
        var leaseEnd = now + options.Lease;
        if (db.IsPostgres)
        {
            // One statement: the oldest due messages that no other relay holds at this moment (SKIP LOCKED), re-checked on
            // their latest version once locked, claimed and returned. The scan runs on the pending messages' partial index
            // in sequence order, so its cost follows the backlog, not the table's history.
            var claimed = await db.Set<OutboxMessage>().FromSql($"""
                UPDATE platform.outbox_messages AS o SET locked_until = {leaseEnd}, claimed_by = {claim}
                WHERE o.sequence IN (
                    SELECT p.sequence FROM platform.outbox_messages AS p
                    WHERE p.processed_at IS NULL AND p.next_attempt_at <= {now} AND (p.locked_until IS NULL OR p.locked_until < {now})
                    ORDER BY p.sequence
                    LIMIT {options.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING o.*
                """).AsNoTracking().ToListAsync(ct);
            return claimed.OrderBy(m => m.Sequence).ToList();
        }

        // SQLite has one writer at a time: read the due sequences, then claim them with a conditional update.
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ProcessedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Sequence).Select(m => m.Sequence).Take(options.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        // The condition is checked again on each row as it is updated: of two relays, only one wins a row.
        var won = await db.Set<OutboxMessage>()
            .Where(m => due.Contains(m.Sequence) && m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.ClaimedBy, claim), ct);
        if (won == 0) return [];
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => due.Contains(m.Sequence) && m.ClaimedBy == claim)
            .OrderBy(m => m.Sequence).ToListAsync(ct);
    }

    private async Task FailAsync(CommerceDb db, OutboxMessage message, Guid claim, Exception error)
    {
        var attempts = message.Attempts + 1;
        var now = Time.GetUtcNow();
        var text = DeadLetter.Truncate(error is HandlerFailedException h ? $"{h.Message}\n{h.InnerException}" : error.ToString());
        if (attempts < options.MaxAttempts)
        {
            var next = now + Backoff.Delay(attempts, options.RetryBase, options.RetryMax);
            EventMetrics.Retried.Add(1);
            logger.LogWarning("Delivery {Attempt} of {Type} {Id} failed; retrying at {Next}: {Error}", attempts, message.Type, message.Id, next, error.Message);
            await db.Set<OutboxMessage>().Where(m => m.Sequence == message.Sequence && m.ClaimedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, text)
                    .SetProperty(m => m.ClaimedBy, (Guid?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            return;
        }

        EventMetrics.DeadLettered.Add(1);
        logger.LogError("{Type} {Id} failed {Attempts} times and is now a dead letter: {Error}", message.Type, message.Id, attempts, error.Message);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var taken = await db.Set<OutboxMessage>().Where(m => m.Sequence == message.Sequence && m.ClaimedBy == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.ProcessedAt, now)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.ClaimedBy, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        if (taken == 0) return; // the claim lapsed and another relay owns the message now
        db.Set<DeadLetter>().Add(new DeadLetter(EventEnvelope.From(message), (error as HandlerFailedException)?.Handler, attempts, text, now));
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }
}
