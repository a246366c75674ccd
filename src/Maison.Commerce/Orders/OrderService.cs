using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Orders;

/// <summary>Orders for Checkout's saga. Status changes go through the order's state machine, then one save.</summary>
internal sealed class OrderService(CommerceDb db, TimeProvider time) : IOrders
{
    // The order this scope placed: confirming or failing it in the same request needs no second read (the saga's hot path).
    private Order? _placed;

    public PendingOrder AddPending(NewOrder order, SqlBatch? batch = null)
    {
        if (order.Lines.Count == 0) throw DomainException.Validation("lines", "An order needs at least one line.");
        var number = NumberOf(order.Id);
        var entity = new Order(db.CurrentTenantId, order, number, time.GetUtcNow());
        if (batch is null) db.Set<Order>().Add(entity);
        else OrderSql.AddInserts(batch, entity);
        db.Publish(new OrderPlaced(entity.Id, number, entity.MemberId, entity.Currency.Code, entity.TotalMinor));
        _placed = entity;
        return entity.ToPending();
    }

    /// <summary>Time-ordered (a v7 id's leading timestamp and randomness): unique, and newest sorts last.</summary>
    public static string NumberOf(Guid id) => "MO-" + id.ToString("N")[..20].ToUpperInvariant();

    public async Task<PendingOrder?> FindPendingAsync(Guid orderId, CancellationToken ct) =>
        (await db.Set<Order>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct))?.ToPending();

    public async Task<OrderView?> FindAsync(Guid orderId, CancellationToken ct) =>
        (await db.Set<Order>().AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct))?.ToView();

    public async Task<OrderView> ConfirmAsync(Guid orderId, Guid paymentId, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        if (order.Status == OrderStatus.Confirmed) return order.ToView();
        order.Confirm(paymentId, time.GetUtcNow());
        db.Publish(new OrderConfirmed(order.Id, order.Number, order.MemberId, order.Currency.Code, order.TotalMinor,
            order.Lines.OrderBy(l => l.Position).Select(l => new OrderConfirmedLine(l.Sku, l.Quantity, l.TotalMinor)).ToList()));
        await SaveGuardedAsync(orderId, OrderStatus.PendingPayment, ct);
        return order.ToView();
    }

    public async Task<OrderView> ConfirmAsync(Guid orderId, Guid paymentId, SqlBatch batch, CancellationToken ct)
    {
        var order = await LoadUntrackedAsync(orderId, ct);
        if (order.Status == OrderStatus.Confirmed) return order.ToView();
        order.Confirm(paymentId, time.GetUtcNow());
        db.Publish(new OrderConfirmed(order.Id, order.Number, order.MemberId, order.Currency.Code, order.TotalMinor,
            order.Lines.OrderBy(l => l.Position).Select(l => new OrderConfirmedLine(l.Sku, l.Quantity, l.TotalMinor)).ToList()));
        // The same guard as SaveGuardedAsync's, as the batch's statement: the batch writes the row, EF never tracks it.
        OrderSql.AddConfirm(batch, order, OrderStatus.PendingPayment);
        return order.ToView();
    }

    public async Task<OrderView> FailPaymentAsync(Guid orderId, string reason, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        if (order.Status == OrderStatus.PaymentFailed) return order.ToView();
        order.PaymentFailed(reason, time.GetUtcNow());
        db.Publish(new OrderPaymentFailed(order.Id, order.Number, reason));
        await SaveGuardedAsync(orderId, OrderStatus.PendingPayment, ct);
        return order.ToView();
    }

    public async Task<IReadOnlyList<Guid>> PendingPaymentBeforeAsync(DateTimeOffset before, int take, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking()
            .Where(o => o.Status == OrderStatus.PendingPayment && o.PlacedAt < before)
            .OrderBy(o => o.PlacedAt).Select(o => o.Id).Take(take).ToListAsync(ct);

    /// <summary>
    /// The order for a batch to write: the placed copy in hand, out of EF's tracking, or a read that is not tracked.
    /// Attaching the placed order and its lines only to detach them again cost more of the checkout's CPU than the rest of
    /// its confirmation's bookkeeping (ADR 0021).
    /// </summary>
    private async Task<Order> LoadUntrackedAsync(Guid orderId, CancellationToken ct)
    {
        if (TakePlaced(orderId) is { } placed)
        {
            if (db.Entry(placed).State != EntityState.Detached) db.Entry(placed).State = EntityState.Detached;
            return placed;
        }
        return await db.Set<Order>().AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct)
            ?? throw DomainException.NotFound("Order");
    }

    /// <summary>
    /// The order this scope placed, if it is <paramref name="orderId"/> and still pending: placed by this scope and saved
    /// since (others may have cleared the change tracker), the copy in hand is the row as committed, unless a concurrent
    /// resume moved it, which the guarded write catches.
    /// </summary>
    private Order? TakePlaced(Guid orderId)
    {
        if (_placed is not { } placed || placed.Id != orderId || placed.Status != OrderStatus.PendingPayment) return null;
        _placed = null;
        return placed;
    }

    private async Task<Order> LoadAsync(Guid orderId, CancellationToken ct)
    {
        if (TakePlaced(orderId) is { } placed)
        {
            if (db.Entry(placed).State == EntityState.Detached) db.Attach(placed);
            return placed;
        }
        return await db.Set<Order>().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw DomainException.NotFound("Order");
    }

    /// <summary>
    /// Saves a move out of <paramref name="from"/> only if the row is still there: of a retry and the recovery job
    /// finishing the same order, one wins and the other sees invalid_transition (its caller re-reads). The status is the
    /// order's concurrency token, so the guard is the save's own <c>WHERE status = …</c>: one statement, batched with the
    /// outbox messages (ADR 0013), where it used to be a guarding update and then the save.
    /// </summary>
    private async Task SaveGuardedAsync(Guid orderId, OrderStatus from, CancellationToken ct)
    {
        var entry = db.ChangeTracker.Entries<Order>().Single(e => e.Entity.Id == orderId);
        entry.Property(o => o.Status).OriginalValue = from;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, "The order changed while it was being updated.");
        }
    }
}
