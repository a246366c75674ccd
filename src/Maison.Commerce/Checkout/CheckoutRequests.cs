using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Orders.Contracts;

namespace Maison.Commerce.Checkout;

public sealed record SetCartRequest(
    [property: Required, StringLength(3, MinimumLength = 3)] string Currency,
    [property: RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "country must be an ISO 3166-1 alpha-2 code.")] string? Country);

public sealed record AddCartItemRequest(
    [property: Required, MinLength(1), MaxLength(64)] string Sku,
    [property: Range(1, 1000)] int Quantity);

public sealed record ApplyPromotionRequest([property: Required, MinLength(1), MaxLength(63)] string Code);

public sealed record ShippingAddressBody(
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required, MinLength(1), MaxLength(200)] string Line1,
    [property: Required, MinLength(1), MaxLength(100)] string City,
    [property: Required, MinLength(1), MaxLength(20)] string PostalCode,
    [property: Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "country must be an ISO 3166-1 alpha-2 code.")] string Country)
{
    public OrderAddress ToAddress() => new(Name.Trim(), Line1.Trim(), City.Trim(), PostalCode.Trim(), Country.ToUpperInvariant());
}

public sealed record CheckoutPaymentMethod([property: Required, MinLength(1), MaxLength(200)] string Token);

public sealed record CheckoutRequest(
    [property: Required] ShippingAddressBody ShippingAddress,
    [property: Required, MinLength(1), MaxLength(63)] string ShippingMethod,
    [property: Required] CheckoutPaymentMethod PaymentMethod);

public sealed record CartLineView(string Sku, string Title, int Quantity, MoneyView? UnitPrice, MoneyView? CompareAt, MoneyView? Subtotal,
    MoneyView? Discount, MoneyView? Tax, MoneyView? Total, StockStatus Availability, int Available, bool PriceChanged);

public sealed record CartView(Guid Id, string Currency, string Country, string? PromotionCode, string? PromotionProblem, IReadOnlyList<CartLineView> Lines,
    OrderTotalsView Totals, bool CheckoutInProgress)
{
    public static CartView From(Cart cart, PricedCart priced) => new(cart.Id, priced.Currency.Code, priced.Country, cart.PromotionCode,
        priced.PromotionProblem,
        priced.Lines.Select(l => new CartLineView(l.Sku, l.Title, l.Quantity, M(l.Unit), M(l.CompareAt), M(l.Amounts?.Subtotal), M(l.Amounts?.Discount),
            M(l.Amounts?.Tax), M(l.Amounts?.Total), l.Availability.Status, l.Availability.Available, l.PriceChanged)).ToList(),
        new OrderTotalsView(MoneyView.From(priced.Totals.Subtotal), MoneyView.From(priced.Totals.Discount), MoneyView.From(priced.Totals.Shipping),
            MoneyView.From(priced.Totals.Tax), MoneyView.From(priced.Totals.Total)),
        cart.CheckoutKey is not null);

    private static MoneyView? M(Platform.Money? money) => money is { } m ? MoneyView.From(m) : null;
}
