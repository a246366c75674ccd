using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Platform;
using Stateless;

namespace Maison.Commerce.Orders;

public enum OrderTrigger
{
    Confirm,
    FailPayment,
    Cancel,
    Ship,
    ShipPart,
    Deliver,
    Complete,
}

/// <summary>
/// An order as placed: currency, prices, tax and FX are fixed at placement, every line amount is stored and the
/// totals are their sums. Its status moves only through <see cref="Next"/> (DOMAIN.md).
/// </summary>
public sealed class Order : ITenantOwned
{
    private readonly List<OrderLine> _lines = [];

    private Order() { }

    public Order(Guid tenantId, NewOrder o, string number, DateTimeOffset now)
    {
        Id = o.Id;
        TenantId = tenantId;
        Number = number;
        AccountId = o.AccountId;
        MemberId = o.MemberId;
        Status = OrderStatus.PendingPayment;
        Currency = o.Currency;
        TaxInclusive = o.TaxInclusive;
        FxRate = o.FxRate;
        ShippingMethod = o.ShippingMethod;
        PromotionCode = o.PromotionCode;
        ReservationId = o.ReservationId;
        PaymentToken = o.PaymentToken;
        ShipName = o.ShippingAddress.Name;
        ShipLine1 = o.ShippingAddress.Line1;
        ShipCity = o.ShippingAddress.City;
        ShipPostalCode = o.ShippingAddress.PostalCode;
        ShipCountry = o.ShippingAddress.Country.ToUpperInvariant();
        PlacedAt = now;
        UpdatedAt = now;
        var position = 0;
        foreach (var line in o.Lines) _lines.Add(new OrderLine(tenantId, Id, ++position, line));
        // Totals are the sums of the stored line amounts, never recomputed from anything else.
        SubtotalMinor = _lines.Sum(l => l.SubtotalMinor);
        DiscountMinor = _lines.Sum(l => l.DiscountMinor);
        ShippingMinor = _lines.Sum(l => l.ShippingMinor);
        TaxMinor = _lines.Sum(l => l.TaxMinor);
        TotalMinor = _lines.Sum(l => l.TotalMinor);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Number { get; private set; } = "";
    public Guid AccountId { get; private set; }
    public Guid MemberId { get; private set; }
    public OrderStatus Status { get; private set; }
    public Currency Currency { get; private set; } = null!;
    public bool TaxInclusive { get; private set; }
    public decimal? FxRate { get; private set; }
    public long SubtotalMinor { get; private set; }
    public long DiscountMinor { get; private set; }
    public long ShippingMinor { get; private set; }
    public long TaxMinor { get; private set; }
    public long TotalMinor { get; private set; }
    public string ShippingMethod { get; private set; } = "";
    public string? PromotionCode { get; private set; }
    public string ShipName { get; private set; } = "";
    public string ShipLine1 { get; private set; } = "";
    public string ShipCity { get; private set; } = "";
    public string ShipPostalCode { get; private set; } = "";
    public string ShipCountry { get; private set; } = "";
    public Guid ReservationId { get; private set; }
    public Guid? PaymentId { get; private set; }
    /// <summary>The card token, kept only so a job can finish a checkout whose process died; never on the wire.</summary>
    public string PaymentToken { get; private set; } = "";
    public string? FailureReason { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public Money Total => new(TotalMinor, Currency);

    public void Confirm(Guid paymentId, DateTimeOffset now)
    {
        Status = Next(Status, OrderTrigger.Confirm);
        PaymentId = paymentId;
        ConfirmedAt = now;
        UpdatedAt = now;
    }

    public void PaymentFailed(string reason, DateTimeOffset now)
    {
        Status = Next(Status, OrderTrigger.FailPayment);
        FailureReason = reason;
        UpdatedAt = now;
    }

    public static OrderStatus Next(OrderStatus from, OrderTrigger trigger)
    {
        var state = from;
        var machine = new StateMachine<OrderStatus, OrderTrigger>(() => state, s => state = s);
        machine.Configure(OrderStatus.PendingPayment)
            .Permit(OrderTrigger.Confirm, OrderStatus.Confirmed)
            .Permit(OrderTrigger.FailPayment, OrderStatus.PaymentFailed)
            .Permit(OrderTrigger.Cancel, OrderStatus.Cancelled);
        machine.Configure(OrderStatus.Confirmed)
            .Permit(OrderTrigger.ShipPart, OrderStatus.PartiallyShipped)
            .Permit(OrderTrigger.Ship, OrderStatus.Shipped)
            .Permit(OrderTrigger.Cancel, OrderStatus.Cancelled);
        machine.Configure(OrderStatus.PartiallyShipped)
            .PermitReentry(OrderTrigger.ShipPart)
            .Permit(OrderTrigger.Ship, OrderStatus.Shipped);
        machine.Configure(OrderStatus.Shipped).Permit(OrderTrigger.Deliver, OrderStatus.Delivered);
        machine.Configure(OrderStatus.Delivered).Permit(OrderTrigger.Complete, OrderStatus.Completed);
        machine.OnUnhandledTrigger((s, t) => throw DomainException.Conflict(ProblemCodes.InvalidTransition,
            $"An order that is {s} cannot take '{t}'."));
        machine.Fire(trigger);
        return state;
    }

    public OrderView ToView() => new(Id, Number, Status, Currency.Code,
        _lines.OrderBy(l => l.Position).Select(l => l.ToView(Currency)).ToList(),
        new OrderTotalsView(M(SubtotalMinor), M(DiscountMinor), M(ShippingMinor), M(TaxMinor), M(TotalMinor)),
        new OrderAddress(ShipName, ShipLine1, ShipCity, ShipPostalCode, ShipCountry), ShippingMethod, PromotionCode, TaxInclusive,
        PlacedAt, ConfirmedAt, FailureReason);

    public PendingOrder ToPending() => new(Id, AccountId, MemberId, Status, Total, ReservationId, PaymentId, PaymentToken, PlacedAt);

    private MoneyView M(long minor) => new(Currency.Code, minor);
}
