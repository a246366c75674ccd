using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Promotions.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Checkout;

public sealed record CheckoutInput(OrderAddress ShippingAddress, string ShippingMethod, string PaymentToken);

/// <summary>
/// The place-order saga (DOMAIN.md "Checkout saga"). Each step that changes something has its compensation beside it:
/// 1. price (no effects); 2. one short transaction — reserve, count promotion uses, create the order
/// <c>pending_payment</c>, outbox — undone whole by its rollback; 3. authorize outside any transaction;
/// 4. confirm (commit the reservation), or compensate (release the reservation and promotion uses, fail the order).
/// An unknown payment outcome leaves the order pending and its stock held; the retry with the same key, or
/// <see cref="CheckoutRecoveryJob"/>, resumes it from step 3 — the payment is named after the order, so it is never
/// charged twice.
/// </summary>
public sealed class CheckoutSaga(CommerceDb db, CartService carts, CartPricer pricer, CheckoutLock locks, IReservations reservations, IOrders orders,
    IPayments payments, ILogger<CheckoutSaga> logger, IPromotions promotions)
{
    public const string CartEmpty = "cart_empty";
    public const string PriceChanged = "price_changed";

    public async Task<OrderView> PlaceAsync(Guid accountId, MemberStanding standing, CheckoutInput input, string key, CancellationToken ct)
    {
        // Every transaction of the saga rolls back whole on failure, so EF's automatic savepoints around SaveChanges would
        // only cost two round trips each.
        db.Database.AutoSavepointsEnabled = false;
        PendingOrder? order = null;
        Cart cart;
        Guid? placed;
        // Steps 1 and 2 on one pooled connection instead of one open and close per statement (ADR 0013); it goes back to
        // the pool before the gateway call, which may take seconds.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Claim, and read the cart claimed (one statement on PostgreSQL): it already shows an order an earlier attempt
            // with this key placed.
            var claimed = await locks.ClaimAndReadAsync(accountId, db.CurrentTenantId, key, () => carts.FindAsync(accountId, ct), ct);
            if (claimed is null)
            {
                var other = await carts.FindAsync(accountId, ct);
                if (other is null || other.Lines.Count == 0) throw new DomainException(CartEmpty, "The cart is empty.", 422);
                throw CheckoutLock.InProgress();
            }
            cart = claimed;
            // The same key placed an order already (its process died, or the payment's answer was lost): resume it below.
            placed = cart.CheckoutOrderId;
            if (placed is null)
            {
                try
                {
                    if (cart.Lines.Count == 0) throw new DomainException(CartEmpty, "The cart is empty.", 422);
                    // Step 1: price everything afresh. No effects, nothing to compensate.
                    var priced = await PriceAsync(cart, standing, input, ct);
                    // Step 2: one short transaction; its compensation is its own rollback.
                    order = await ReserveAndCreateAsync(cart, standing, input, key, priced, ct);
                }
                catch
                {
                    await locks.ReleaseAsync(cart.Id, key);
                    throw;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return placed is { } resume ? await ResumeAsync(resume, ct) : await PayAsync(order!, cart.Id, ct);
    }

    /// <summary>Finishes an order left <c>pending_payment</c> (a retry, or the recovery job): steps 3 and 4 again.</summary>
    public async Task<OrderView> ResumeAsync(Guid orderId, CancellationToken ct)
    {
        db.Database.AutoSavepointsEnabled = false;
        var order = await orders.FindPendingAsync(orderId, ct) ?? throw DomainException.NotFound("Order");
        switch (order.Status)
        {
            case OrderStatus.PendingPayment:
                return await PayAsync(order, null, ct);
            case OrderStatus.PaymentFailed:
                await locks.FinishAsync(orderId, null, ct);
                var failed = await orders.FindAsync(orderId, ct);
                throw PaymentProblems.Declined(failed?.FailureReason);
            default:
                var view = (await orders.FindAsync(orderId, ct))!;
                await locks.FinishAsync(orderId, view.Lines.Select(l => l.Sku).ToList(), ct);
                return view;
        }
    }

    private async Task<PricedCart> PriceAsync(Cart cart, MemberStanding standing, CheckoutInput input, CancellationToken ct)
    {
        var priced = await pricer.PriceAsync(cart, standing, input.ShippingAddress.Country, input.ShippingMethod, strict: true, ct,
            withAvailability: false);
        var changed = priced.Lines.Where(l => l.PriceChanged).Select(l => l.Sku).ToList();
        if (changed.Count > 0)
        {
            // What the member saw is no longer the price: show the new one (GET /me/cart records it) before charging it.
            throw new DomainException(PriceChanged, "A price changed since the cart was shown; review the cart and check out again.", 409,
                new Dictionary<string, object?> { ["skus"] = changed });
        }
        return priced;
    }

    private async Task<PendingOrder> ReserveAndCreateAsync(Cart cart, MemberStanding standing, CheckoutInput input, string key, PricedCart priced,
        CancellationToken ct)
    {
        var orderId = Guid.CreateVersion7();
        var lines = priced.Lines.Select(l => new ReserveLine(l.Sku, l.Quantity)).ToList();
        if (lines.Count == 1 && db.IsPostgres)
        {
            try
            {
                return await CreateWithBatchedReservationAsync(cart, standing, input, key, priced, orderId, lines[0], ct);
            }
            catch (DomainException e) when (e.Code == InventoryProblemCodes.OutOfStock)
            {
                // No single location could hold the line as it stood; everything rolled back. The general path decides:
                // it may split the line across locations, or names what is short.
                db.ChangeTracker.Clear();
            }
        }

        // On PostgreSQL the claim's update, the order, its payment and the outbox travel as one batch after the reservation
        // (ADR 0015): three round trips (reserve, batch, commit) instead of EF's save and a separate update before it.
        var batch = db.IsPostgres ? new SqlBatch() : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // SQLite: the claim names the order first, as its own statement.
        if (batch is null && !await locks.AttachOrderAsync(cart.Id, key, orderId, ct))
        {
            await tx.RollbackAsync(ct);
            throw new DomainException(CheckoutLock.CheckoutInProgress, "Another checkout of this cart is in progress.", 409);
        }

        // Reserve every line or none (Inventory joins this transaction). Compensation: the rollback.
        var reserved = await reservations.ReserveAsync(lines, null, $"order:{orderId}", priced.Country, ct);
        if (!reserved.Succeeded)
        {
            await tx.RollbackAsync(ct);
            throw new DomainException(InventoryProblemCodes.OutOfStock, "Some items are no longer available.", 409,
                new Dictionary<string, object?> { ["skus"] = reserved.ShortSkus });
        }

        // Count promotion uses against usageLimit and perMemberLimit. Compensation: the rollback; after commit, promotions.ReleaseAsync.
        await RedeemAsync(priced, standing, orderId, tx, ct);

        // The order pending_payment, its payment pending and its outbox message. Compensation: order → payment_failed.
        // PostgreSQL: the claim names the order in the same batch; a lost claim throws 409 from the batch and all rolls back.
        if (batch is not null) locks.AttachOrder(batch, cart.Id, key, orderId);
        var order = AddOrder(cart, standing, input, priced, orderId, reserved.Reservation!.Id, batch);
        if (batch is not null)
        {
            batch.AddOutbox(db);
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct); // anything a module left to the unit of work
            await batch.ExecuteAsync(db, ct);
        }
        else await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return order;
    }

    /// <summary>
    /// PostgreSQL, one line (a drop's cart): the reservation is the first statement of the order's batch (ADR 0018), so
    /// the transaction is two round trips (the batch, the commit) and the stock row stays locked for one of them. Holds
    /// the same locks in the same order as the general path: the stock first, then the promotion's counters.
    /// </summary>
    private async Task<PendingOrder> CreateWithBatchedReservationAsync(Cart cart, MemberStanding standing, CheckoutInput input, string key,
        PricedCart priced, Guid orderId, ReserveLine line, CancellationToken ct)
    {
        var batch = new SqlBatch();
        // Without a promotion to count, and with nothing else left to the unit of work, the batch is the whole transaction
        // (ADR 0020): PostgreSQL runs a batch without a transaction of ours as one implicit transaction, all or nothing,
        // so the commit travels with it and the stock row is unlocked one round trip earlier. A promotion's counters
        // take locks and may refuse after the batch, so they keep the explicit transaction.
        var alone = (priced.Discount?.Applied ?? []).Count == 0 && !db.ChangeTracker.HasChanges();
        await using var tx = alone ? null : await db.Database.BeginTransactionAsync(ct);
        var reservation = reservations.AddTo(batch, line, $"order:{orderId}", priced.Country)
            ?? throw new InvalidOperationException("A batched reservation needs PostgreSQL.");
        locks.AttachOrder(batch, cart.Id, key, orderId);
        var order = AddOrder(cart, standing, input, priced, orderId, reservation.Id, batch);
        batch.AddOutbox(db);
        // Throws 409 out_of_stock when the reservation held nothing (the caller then takes the general path), or
        // checkout_in_progress when the claim was lost; the transaction rolls back whole either way.
        await batch.ExecuteAsync(db, ct);
        // Without a transaction of ours the batch has committed, and taking the last unit is signalled in a unit of work
        // of its own, as after a stand-alone reservation's group commit (ADR 0014): the signal reads the levels as they are now.
        await reservations.CompleteAsync(reservation, ct);
        if (tx is not null) await RedeemAsync(priced, standing, orderId, tx, ct);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct); // what the hold signalled, and anything else left to the unit of work
        if (tx is not null) await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return order;
    }

    private async Task RedeemAsync(PricedCart priced, MemberStanding standing, Guid orderId, IDbContextTransaction tx,
        CancellationToken ct)
    {
        var applied = priced.Discount?.Applied ?? [];
        if (applied.Count > 0 && !await promotions.TryRedeemAsync(applied, standing.MemberId, orderId, ct))
        {
            await tx.RollbackAsync(ct);
            throw new DomainException(PromotionProblems.PromotionExhausted, "This promotion has been used up.", 409);
        }
    }

    private PendingOrder AddOrder(Cart cart, MemberStanding standing, CheckoutInput input, PricedCart priced, Guid orderId, Guid reservationId,
        SqlBatch? batch)
    {
        var order = orders.AddPending(new NewOrder(orderId, cart.AccountId, standing.MemberId, cart.Currency, priced.Tax.Inclusive,
            priced.Lines.Select(l => new NewOrderLine(l.Sku, l.Title, l.Quantity, l.Unit!.Value, l.Amounts!.Subtotal, l.Amounts.Discount,
                l.Amounts.Shipping, l.Amounts.Tax, l.Amounts.Total)).ToList(),
            input.ShippingAddress, input.ShippingMethod, priced.Discount?.Code ?? cart.PromotionCode, reservationId, input.PaymentToken, null),
            batch);
        payments.AddPending(PaymentReference(orderId), order.Total, batch);
        return order;
    }

    private static string PaymentReference(Guid orderId) => $"order:{orderId}";

    /// <summary>Steps 3 and 4: authorize outside any transaction, named after the order; then confirm or compensate.</summary>
    private async Task<OrderView> PayAsync(PendingOrder order, Guid? cartId, CancellationToken ct)
    {
        PaymentView payment;
        // PostgreSQL: an authorized payment's settlement joins the confirmation's batch (ADR 0015), one round trip less.
        var batch = db.IsPostgres ? new SqlBatch() : null;
        try
        {
            payment = await payments.AuthorizePendingAsync(PaymentReference(order.Id), order.Total, order.PaymentToken, batch, ct);
        }
        catch (DomainException e) when (e.Code == PaymentProblems.PaymentInProgress)
        {
            // Another process is authorizing this very order: its outcome is not known here yet.
            throw new DomainException(PaymentProblems.PaymentPending, "The payment's outcome is not known yet; retry with the same Idempotency-Key shortly.", 503);
        }
        if (payment.IsAuthorized) return await ConfirmAsync(order, payment, cartId, batch, ct);
        if (payment.Status is PaymentStatus.Failed or PaymentStatus.Voided)
        {
            await CompensateAsync(order, payment.DeclineCode ?? "card_declined", ct);
            throw PaymentProblems.Declined(payment.DeclineCode);
        }
        // Unknown (the gateway's answer was lost): stock stays held, the order pending; a retry or the job finishes it.
        logger.LogWarning("Payment of order {OrderId} awaits reconciliation", order.Id);
        throw PaymentProblems.Pending(payment.Id);
    }

    private async Task<OrderView> ConfirmAsync(PendingOrder order, PaymentView payment, Guid? cartId, SqlBatch? batch, CancellationToken ct)
    {
        // The confirmation's transaction and freeing the cart on one pooled connection (ADR 0013).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            try
            {
                return await ConfirmOnConnectionAsync(order, payment, cartId, batch, ct);
            }
            catch (DomainException e) when (e.Code == PaymentProblems.PaymentInProgress && batch is not null)
            {
                // The payment's row changed between the authorization and this confirmation (its settlement in the batch
                // matched no row; everything rolled back): settle it under its lock, then confirm without it.
                db.ChangeTracker.Clear();
                await payments.SaveDeferredAsync(ct);
                return await ConfirmOnConnectionAsync(order, payment, cartId, new SqlBatch(), ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<OrderView> ConfirmOnConnectionAsync(PendingOrder order, PaymentView payment, Guid? cartId, SqlBatch? batch, CancellationToken ct)
    {
        if (batch is not null)
        {
            if (await ConfirmInOneBatchAsync(order, payment, cartId, batch, ct) is { } confirmed) return confirmed;
            // The reservation was not held any more: nothing of the batch happened. Settle the payment on its own; the
            // general path below finds out what became of the hold and decides.
            db.ChangeTracker.Clear();
            await payments.SaveDeferredAsync(ct);
        }
        // The general path (SQLite; PostgreSQL when the hold is gone). The stock commit and the order's confirmation share
        // one transaction and one save (Inventory joins it and leaves its StockChanged messages to this unit of work): the
        // sale and the confirmed order commit together or not at all.
        OrderView view;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                // Held → committed in one statement; anything else is the rare case, looked at only then.
                await reservations.CommitAsync(order.ReservationId, ct);
            }
            catch (DomainException e) when (e.Code is ProblemCodes.InvalidTransition or ProblemCodes.NotFound)
            {
                var reservation = await reservations.FindAsync(order.ReservationId, ct);
                if (reservation?.Status == ReservationStatus.Released)
                {
                    await tx.RollbackAsync(ct);
                    await payments.SaveDeferredAsync(ct); // the authorization is recorded before it is voided
                    // The hold expired while the payment's outcome was unknown: give the money back rather than sell stock we may not have.
                    logger.LogWarning("Order {OrderId} was paid after its reservation expired; voiding the payment", order.Id);
                    if (payment.Captured.IsZero) await payments.VoidAsync(payment.Id, ct);
                    await CompensateAsync(order, "reservation_expired", ct);
                    throw new DomainException(InventoryProblemCodes.OutOfStock, "The items were released before the payment completed.", 409,
                        new Dictionary<string, object?> { ["skus"] = reservation.Lines.Select(l => l.Sku).Distinct().ToList() });
                }
                // Committed by a concurrent resume first.
            }
            try
            {
                view = await orders.ConfirmAsync(order.Id, payment.Id, ct);
                if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct); // the order was confirmed already: the stock messages alone
                await tx.CommitAsync(ct);
            }
            catch (DomainException e) when (e.Code == ProblemCodes.InvalidTransition)
            {
                // A concurrent resume settled the order first; whatever this transaction did to the stock is undone with it.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                await payments.SaveDeferredAsync(ct);
                view = (await orders.FindAsync(order.Id, ct))!;
            }
        }
        return await FreeCartAsync(view, cartId, ct);
    }

    /// <summary>
    /// PostgreSQL (ADR 0018): the whole confirmation in ONE round trip and no transaction of ours: the batch is atomic on
    /// its own. Committing the reservation (its stock messages written by the statement), the payment's settlement, the
    /// order's guarded update, freeing the cart and the outbox go in the general path's lock order; each condition is a
    /// guard in the database, so a broken one stops the batch and nothing of it is kept. Null when the reservation was
    /// not held any more (the caller takes the general path).
    /// </summary>
    private async Task<OrderView?> ConfirmInOneBatchAsync(PendingOrder order, PaymentView payment, Guid? cartId, SqlBatch settlement,
        CancellationToken ct)
    {
        var confirm = new SqlBatch();
        if (!reservations.AddCommitTo(confirm, order.ReservationId)) throw new InvalidOperationException("A confirmation batch needs PostgreSQL.");
        confirm.Append(settlement);
        OrderView view;
        try
        {
            view = await orders.ConfirmAsync(order.Id, payment.Id, confirm, ct);
            if (cartId is { } claimed) locks.Finish(confirm, claimed, order.Id, view.Lines.Select(l => l.Sku).ToList());
            confirm.AddOutbox(db);
            await confirm.ExecuteAsync(db, ct);
            if (cartId is not null) return view; // the cart was freed by the batch
        }
        catch (DomainException e) when (e.Code == InventoryProblemCodes.ReservationNotCommitted)
        {
            return null;
        }
        catch (DomainException e) when (e.Code == ProblemCodes.InvalidTransition)
        {
            // A concurrent resume settled the order first; this batch changed nothing.
            db.ChangeTracker.Clear();
            await payments.SaveDeferredAsync(ct);
            view = (await orders.FindAsync(order.Id, ct))!;
        }
        return await FreeCartAsync(view, cartId, ct);
    }

    /// <summary>Frees the claim of a settled order; when it was confirmed, its lines leave the cart.</summary>
    private async Task<OrderView> FreeCartAsync(OrderView view, Guid? cartId, CancellationToken ct)
    {
        var skus = view.Lines.Select(l => l.Sku).ToList();
        if (cartId is { } cart) await locks.FinishAsync(cart, view.Id, skus, ct);
        else await locks.FinishAsync(view.Id, skus, ct);
        return view;
    }

    /// <summary>Payment failed: release the stock and the promotion uses, fail the order, free the cart.</summary>
    private async Task CompensateAsync(PendingOrder order, string reason, CancellationToken ct)
    {
        var reservation = await reservations.FindAsync(order.ReservationId, ct);
        if (reservation?.Status == ReservationStatus.Held)
        {
            try
            {
                await reservations.ReleaseAsync(order.ReservationId, "payment_failed", ct);
            }
            catch (DomainException e) when (e.Code == ProblemCodes.InvalidTransition)
            {
                // Expired or released meanwhile: the units are back either way.
            }
        }
        await promotions.ReleaseAsync(order.Id, ct);
        try
        {
            await orders.FailPaymentAsync(order.Id, reason, ct);
        }
        catch (DomainException e) when (e.Code == ProblemCodes.InvalidTransition)
        {
            // A concurrent resume settled it first.
        }
        await locks.FinishAsync(order.Id, null, ct);
    }
}
