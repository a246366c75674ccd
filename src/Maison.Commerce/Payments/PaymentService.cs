using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Payments;

/// <summary>
/// Payments for other modules. The gateway is never called inside a database transaction: an operation reserves its
/// amount under the payment's row lock, commits, calls the gateway with a deterministic idempotency key, then settles
/// under the lock again.
/// </summary>
internal sealed class PaymentService(CommerceDb db, IPaymentGateway gateway, TimeProvider time, ILogger<PaymentService> logger) : IPayments
{
    /// <summary>A pending payment older than this lost its process; reconciliation takes it over.</summary>
    public static readonly TimeSpan InFlightLease = TimeSpan.FromMinutes(2);

    // The payment this scope added with AddPending: authorizing it needs no read, and settling it is one optimistic update.
    private Payment? _added;

    public Guid AddPending(string reference, Money amount, SqlBatch? batch = null)
    {
        var payment = new Payment(db.CurrentTenantId, reference, amount, time.GetUtcNow());
        if (batch is null) db.Set<Payment>().Add(payment);
        else
        {
            // The row EF's save would write (PaymentsDbMapping), version 1 as CommerceDb gives a new IVersioned row.
            payment.Version = 1;
            batch.Add("""
                INSERT INTO payments.payments (id, tenant_id, reference, currency, amount_minor, captured_minor, refunded_minor,
                    pending_capture_minor, pending_refund_minor, capture_sequence, refund_sequence, status, gateway_reference, decline_code,
                    created_at, updated_at, version)
                VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, 0, $6, NULL, NULL, $7, $7, 1)
                """,
                payment.Id, payment.TenantId, payment.Reference, payment.Currency.Code, payment.AmountMinor, payment.Status.ToString(), payment.CreatedAt);
        }
        _added = payment;
        return payment.Id;
    }

    // An authorization settled into the caller's batch and not known to be committed yet: (payment id, gateway answer).
    private (Guid PaymentId, GatewayResult Result)? _deferred;

    public Task<PaymentView> AuthorizePendingAsync(string reference, Money amount, string token, CancellationToken ct) =>
        AuthorizePendingAsync(reference, amount, token, null, ct);

    public async Task<PaymentView> AuthorizePendingAsync(string reference, Money amount, string token, SqlBatch? settleIn, CancellationToken ct)
    {
        if (_added is { } added && added.Reference == reference && added.Status == PaymentStatus.Pending)
        {
            _added = null;
            var first = await gateway.AuthorizeAsync(added.AuthorizeKey, added.Amount, token, ct);
            if (settleIn is not null && first.Outcome == GatewayOutcome.Succeeded && db.Entry(added).State == EntityState.Detached)
            {
                // The guarded update of SettleAddedAsync, committed with the caller's confirmation (ADR 0015).
                var version = added.Version;
                Apply(added, first, time.GetUtcNow());
                added.Version = version + 1;
                settleIn.AddExpecting(1, () => DomainException.Conflict(PaymentProblems.PaymentInProgress, "The payment changed while it was being settled."),
                    """
                    UPDATE payments.payments SET status = $1, gateway_reference = $2, decline_code = $3, updated_at = $4, version = $5
                    WHERE id = $6 AND tenant_id = $7 AND version = $8
                    """,
                    added.Status.ToString(), added.GatewayReference, added.DeclineCode, added.UpdatedAt, version + 1, added.Id, added.TenantId, version);
                _deferred = (added.Id, first);
                return added.ToView();
            }
            return await SettleAddedAsync(added, first, ct);
        }
        var latest = await db.Set<Payment>().AsNoTracking().Where(p => p.Reference == reference)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (latest is null) return await AuthorizeAsync(reference, amount, token, ct);
        if (latest.Status == PaymentStatus.RequiresReconciliation) return await ReconcileAsync(latest.Id, ct);
        if (latest.Status != PaymentStatus.Pending) return latest.ToView();
        // Pending: its process died before or during the gateway call. The same key is the same authorization at the
        // gateway, so sending it again charges at most once and tells us the outcome.
        var result = await gateway.AuthorizeAsync(latest.AuthorizeKey, latest.Amount, token, ct);
        return await SettleAuthorizationAsync(latest.Id, result, ct);
    }

    public async Task SaveDeferredAsync(CancellationToken ct)
    {
        if (_deferred is not { } deferred) return;
        _deferred = null;
        // The locked path: applies the answer only if the row is still pending (another process may have settled it since).
        await SettleAuthorizationAsync(deferred.PaymentId, deferred.Result, ct);
    }

    /// <summary>
    /// Settles the payment this scope created: the transition is the state machine's, the write is one update guarded by
    /// the row version. If anything else touched the row meanwhile (the reconciliation job), the locked path decides.
    /// </summary>
    private async Task<PaymentView> SettleAddedAsync(Payment payment, GatewayResult result, CancellationToken ct)
    {
        if (db.IsPostgres && db.Entry(payment).State == EntityState.Detached)
        {
            // The same guarded update EF's save sends (status and what goes with it, version + 1 where the version is still
            // the one written), as one plain statement (ADR 0015).
            var version = payment.Version;
            Apply(payment, result, time.GetUtcNow());
            var tenantId = db.CurrentTenantId;
            var (status, next) = (payment.Status.ToString(), version + 1);
            if (await db.Database.ExecuteSqlAsync($"""
                    UPDATE payments.payments SET status = {status}, gateway_reference = {payment.GatewayReference},
                        decline_code = {payment.DeclineCode}, updated_at = {payment.UpdatedAt}, version = {next}
                    WHERE id = {payment.Id} AND tenant_id = {tenantId} AND version = {version}
                    """, ct) == 1)
            {
                payment.Version = next;
                return payment.ToView();
            }
            return await SettleAuthorizationAsync(payment.Id, result, ct);
        }
        if (db.Entry(payment).State == EntityState.Detached) db.Attach(payment);
        Apply(payment, result, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
            return payment.ToView();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(payment).State = EntityState.Detached;
            return await SettleAuthorizationAsync(payment.Id, result, ct);
        }
    }

    private void Apply(Payment payment, GatewayResult result, DateTimeOffset now)
    {
        switch (result.Outcome)
        {
            case GatewayOutcome.Succeeded:
                payment.Authorized(result.Reference!, now);
                break;
            case GatewayOutcome.Declined:
                payment.Failed(result.DeclineCode ?? "card_declined", now);
                break;
            case GatewayOutcome.Failed:
                payment.Failed("processing_error", now);
                break;
            default:
                if (payment.Status == PaymentStatus.Pending) payment.ResponseLost(now);
                logger.LogWarning("Authorization of payment {PaymentId} has an unknown outcome; it awaits reconciliation", payment.Id);
                break;
        }
    }

    public async Task<PaymentView> AuthorizeAsync(string reference, Money amount, string token, CancellationToken ct)
    {
        var live = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.Reference == reference && p.Status != PaymentStatus.Failed && p.Status != PaymentStatus.Voided)
            .SingleOrDefaultAsync(ct);
        if (live is not null) return await ResumeAsync(live, ct);

        var payment = new Payment(db.CurrentTenantId, reference, amount, time.GetUtcNow());
        db.Set<Payment>().Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(payment).State = EntityState.Detached;
            throw DomainException.Conflict(PaymentProblems.PaymentInProgress, "A payment for this is already in progress.");
        }

        var result = await gateway.AuthorizeAsync(payment.AuthorizeKey, amount, token, ct);
        return await SettleAuthorizationAsync(payment.Id, result, ct);
    }

    public async Task<PaymentView> CaptureAsync(Guid paymentId, Money amount, CancellationToken ct)
    {
        var (payment, sequence) = await UnderLockAsync(paymentId, p => p.BeginCapture(amount, time.GetUtcNow()), ct);
        var result = await gateway.CaptureAsync(payment.CaptureKey(sequence), payment.GatewayReference!, amount, ct);
        return await SettleAsync(paymentId, result,
            p => p.CompleteCapture(amount, time.GetUtcNow()), p => p.AbandonCapture(amount, time.GetUtcNow()), ct);
    }

    public async Task<PaymentView> RefundAsync(Guid paymentId, Money amount, CancellationToken ct)
    {
        var (payment, sequence) = await UnderLockAsync(paymentId, p => p.BeginRefund(amount, time.GetUtcNow()), ct);
        var result = await gateway.RefundAsync(payment.RefundKey(sequence), payment.GatewayReference!, amount, ct);
        return await SettleAsync(paymentId, result,
            p => p.CompleteRefund(amount, time.GetUtcNow()), p => p.AbandonRefund(amount, time.GetUtcNow()), ct);
    }

    public async Task<PaymentView> VoidAsync(Guid paymentId, CancellationToken ct)
    {
        var (payment, _) = await UnderLockAsync(paymentId, p =>
        {
            p.BeginVoid(time.GetUtcNow());
            return 0;
        }, ct);
        var result = await gateway.VoidAsync(payment.VoidKey, payment.GatewayReference!, ct);
        return await SettleAsync(paymentId, result, p => p.CompleteVoid(time.GetUtcNow()), p => p.AbandonVoid(time.GetUtcNow()), ct);
    }

    public async Task<PaymentView?> FindAsync(Guid paymentId, CancellationToken ct) =>
        (await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct))?.ToView();

    /// <summary>Asks the gateway what became of an authorization whose answer was lost, and records it.</summary>
    public async Task<PaymentView> ReconcileAsync(Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct) ?? throw DomainException.NotFound("Payment");
        var result = await gateway.FindByIdempotencyKeyAsync(payment.AuthorizeKey, ct);
        if (result.Outcome is GatewayOutcome.Unknown or GatewayOutcome.Failed) return payment.ToView(); // gateway unreachable: next run
        return await SettleAuthorizationAsync(paymentId, result, ct);
    }

    private async Task<PaymentView> ResumeAsync(Payment live, CancellationToken ct)
    {
        if (live.Status == PaymentStatus.RequiresReconciliation
            || (live.Status == PaymentStatus.Pending && live.UpdatedAt + InFlightLease < time.GetUtcNow()))
        {
            return await ReconcileAsync(live.Id, ct);
        }
        if (live.Status == PaymentStatus.Pending)
        {
            throw DomainException.Conflict(PaymentProblems.PaymentInProgress, "A payment for this is already in progress.");
        }
        return live.ToView();
    }

    private async Task<PaymentView> SettleAuthorizationAsync(Guid paymentId, GatewayResult result, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.LockAsync(paymentId, ct) ?? throw DomainException.NotFound("Payment");
        if (payment.Status is PaymentStatus.Pending or PaymentStatus.RequiresReconciliation)
        {
            Apply(payment, result, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return payment.ToView();
    }

    private async Task<(Payment Payment, int Sequence)> UnderLockAsync(Guid paymentId, Func<Payment, int> begin, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.LockAsync(paymentId, ct) ?? throw DomainException.NotFound("Payment");
        var sequence = begin(payment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (payment, sequence);
    }

    private async Task<PaymentView> SettleAsync(Guid paymentId, GatewayResult result, Action<Payment> complete, Action<Payment> abandon, CancellationToken ct)
    {
        if (result.Outcome == GatewayOutcome.Unknown)
        {
            // The reservation stays: the money may have moved, so the bounds keep counting it until someone checks.
            logger.LogWarning("A gateway call for payment {PaymentId} has an unknown outcome; its amount stays reserved", paymentId);
            throw PaymentProblems.Pending(paymentId);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.LockAsync(paymentId, ct) ?? throw DomainException.NotFound("Payment");
        if (result.Outcome == GatewayOutcome.Succeeded) complete(payment);
        else abandon(payment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result.Outcome switch
        {
            GatewayOutcome.Succeeded => payment.ToView(),
            GatewayOutcome.Declined => throw PaymentProblems.Declined(result.DeclineCode),
            _ => throw new DomainException(PaymentProblems.GatewayUnavailable, "The payment provider failed; try again.", 502),
        };
    }
}
