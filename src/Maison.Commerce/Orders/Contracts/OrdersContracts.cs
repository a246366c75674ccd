using System.Text.Json.Serialization;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Orders.Contracts;

/// <summary>Order statuses of DOMAIN.md.</summary>
public enum OrderStatus
{
    [JsonStringEnumMemberName("pending_payment")]
    PendingPayment,
    Confirmed,
    [JsonStringEnumMemberName("partially_shipped")]
    PartiallyShipped,
    Shipped,
    Delivered,
    Completed,
    [JsonStringEnumMemberName("payment_failed")]
    PaymentFailed,
    Cancelled,
}

/// <summary>Money on the wire (API.md): integer minor units of an ISO currency.</summary>
public sealed record MoneyView(string Currency, long AmountMinor)
{
    public static MoneyView From(Money money) => new(money.Currency.Code, money.AmountMinor);
}

public sealed record OrderAddress(string Name, string Line1, string City, string PostalCode, string Country);

/// <summary>A line as placed: every amount is stored, so totals are sums of these and never recomputed.</summary>
public sealed record NewOrderLine(string Sku, string Title, int Quantity, Money UnitPrice, Money Subtotal, Money Discount, Money Shipping, Money Tax, Money Total);

/// <summary>What Checkout hands Orders inside its transaction.</summary>
/// <param name="PaymentToken">Kept (never shown) so a job can finish an authorization whose process died.</param>
public sealed record NewOrder(Guid Id, Guid AccountId, Guid MemberId, Currency Currency, bool TaxInclusive, IReadOnlyList<NewOrderLine> Lines,
    OrderAddress ShippingAddress, string ShippingMethod, string? PromotionCode, Guid ReservationId, string PaymentToken, decimal? FxRate);

public sealed record OrderLineView(string Sku, string Title, int Quantity, MoneyView UnitPrice, MoneyView Subtotal, MoneyView Discount,
    MoneyView Shipping, MoneyView Tax, MoneyView Total);

public sealed record OrderTotalsView(MoneyView Subtotal, MoneyView Discount, MoneyView Shipping, MoneyView Tax, MoneyView Total);

/// <summary>An order as members, staff and Checkout see it.</summary>
public sealed record OrderView(Guid Id, string Number, OrderStatus Status, string Currency, IReadOnlyList<OrderLineView> Lines, OrderTotalsView Totals,
    OrderAddress ShippingAddress, string ShippingMethod, string? PromotionCode, bool TaxInclusive, DateTimeOffset PlacedAt, DateTimeOffset? ConfirmedAt,
    string? FailureReason);

/// <summary>What the saga needs to resume an order (never on the wire: it carries the payment token).</summary>
public sealed record PendingOrder(Guid Id, Guid AccountId, Guid MemberId, OrderStatus Status, Money Total, Guid ReservationId, Guid? PaymentId,
    string PaymentToken, DateTimeOffset PlacedAt);

/// <summary>Orders for Checkout's saga: create pending in the caller's unit of work, then confirm or fail.</summary>
public interface IOrders
{
    /// <summary>
    /// Adds the order <c>pending_payment</c> (and its outbox message) to the caller's unit of work; returns it as the saga
    /// resumes it. With a <paramref name="batch"/> (PostgreSQL) its inserts go into the batch instead of EF's save (ADR 0015).
    /// </summary>
    PendingOrder AddPending(NewOrder order, SqlBatch? batch = null);

    Task<PendingOrder?> FindPendingAsync(Guid orderId, CancellationToken ct);

    Task<OrderView?> FindAsync(Guid orderId, CancellationToken ct);

    /// <summary>pending_payment → confirmed and <see cref="OrderConfirmed"/>; saved. Confirming a confirmed order is a no-op.</summary>
    Task<OrderView> ConfirmAsync(Guid orderId, Guid paymentId, CancellationToken ct);

    /// <summary>
    /// <see cref="ConfirmAsync(Guid, Guid, CancellationToken)"/> whose guarded update goes into <paramref name="batch"/>
    /// (PostgreSQL, ADR 0015): the batch throws <c>invalid_transition</c> if the order was no longer pending.
    /// </summary>
    Task<OrderView> ConfirmAsync(Guid orderId, Guid paymentId, SqlBatch batch, CancellationToken ct);

    /// <summary>pending_payment → payment_failed; saved. Idempotent.</summary>
    Task<OrderView> FailPaymentAsync(Guid orderId, string reason, CancellationToken ct);

    /// <summary>Orders still <c>pending_payment</c> placed before <paramref name="before"/> (their process may have died).</summary>
    Task<IReadOnlyList<Guid>> PendingPaymentBeforeAsync(DateTimeOffset before, int take, CancellationToken ct);
}

[EventType("order.placed")]
public sealed record OrderPlaced(Guid OrderId, string Number, Guid MemberId, string Currency, long TotalMinor) : IntegrationEvent;

public sealed record OrderConfirmedLine(string Sku, int Quantity, long TotalMinor);

[EventType("order.confirmed")]
public sealed record OrderConfirmed(Guid OrderId, string Number, Guid MemberId, string Currency, long TotalMinor, IReadOnlyList<OrderConfirmedLine> Lines)
    : IntegrationEvent;

[EventType("order.payment_failed")]
public sealed record OrderPaymentFailed(Guid OrderId, string Number, string Reason) : IntegrationEvent;
