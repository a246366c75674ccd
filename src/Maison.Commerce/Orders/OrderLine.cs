using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Orders;

/// <summary>A line with every amount stored as placed (in the order's currency), so refunds can split them exactly later.</summary>
public sealed class OrderLine : ITenantOwned
{
    private OrderLine() { }

    public OrderLine(Guid tenantId, Guid orderId, int position, NewOrderLine l)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        OrderId = orderId;
        Position = position;
        Sku = l.Sku;
        Title = l.Title;
        Quantity = l.Quantity;
        UnitPriceMinor = l.UnitPrice.AmountMinor;
        SubtotalMinor = l.Subtotal.AmountMinor;
        DiscountMinor = l.Discount.AmountMinor;
        ShippingMinor = l.Shipping.AmountMinor;
        TaxMinor = l.Tax.AmountMinor;
        TotalMinor = l.Total.AmountMinor;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid OrderId { get; private set; }
    public int Position { get; private set; }
    public string Sku { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Quantity { get; private set; }
    public long UnitPriceMinor { get; private set; }
    public long SubtotalMinor { get; private set; }
    public long DiscountMinor { get; private set; }
    public long ShippingMinor { get; private set; }
    public long TaxMinor { get; private set; }
    public long TotalMinor { get; private set; }

    public OrderLineView ToView(Currency currency)
    {
        MoneyView M(long minor) => new(currency.Code, minor);
        return new OrderLineView(Sku, Title, Quantity, M(UnitPriceMinor), M(SubtotalMinor), M(DiscountMinor), M(ShippingMinor), M(TaxMinor), M(TotalMinor));
    }
}
