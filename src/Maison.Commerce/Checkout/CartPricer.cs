using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;
using Maison.Commerce.Promotions.Contracts;

namespace Maison.Commerce.Checkout;

/// <summary>A cart line priced now; <see cref="Unit"/> is null when the SKU has no price in the cart's currency.</summary>
public sealed record PricedLine(string Sku, string Title, string Brand, int Quantity, Money? Unit, Money? CompareAt, long? SeenPriceMinor,
    SkuAvailability Availability, LineAmounts? Amounts)
{
    public bool PriceChanged => Unit is null || SeenPriceMinor != Unit.Value.AmountMinor;
}

public sealed record PricedCart(Currency Currency, string Country, IReadOnlyList<PricedLine> Lines, CartTotalsResult Totals, DiscountQuote? Discount,
    TaxRule Tax, string? PromotionProblem);

/// <summary>
/// Prices a cart from scratch every time: the price book, live availability, promotions, shipping and the market's
/// VAT. Nothing is trusted from an earlier pricing except the price the member saw, kept only to detect a change.
/// </summary>
public sealed class CartPricer(IPriceBook prices, ISkuDirectory skus, IAvailability availability, ITaxRates taxRates,
    IPromotions promotions, IShippingRates shipping)
{
    public const string StandardShipping = "standard";

    public async Task<PricedCart> PriceAsync(Cart cart, MemberStanding standing, string? country, string shippingMethod, bool strict, CancellationToken ct,
        bool withAvailability = true)
    {
        var market = (country ?? cart.Country ?? DefaultCountry(cart.Currency)).ToUpperInvariant();
        var skuList = cart.Lines.Select(l => l.Sku).ToList();
        var found = await prices.FindAsync(skuList, cart.Currency, ct);
        var info = await skus.FindAsync(skuList, ct);
        // Checkout does not read availability: the reservation's conditional update is the only answer that counts, and
        // the order does not show it. Cart views do.
        var stock = skuList.Count == 0 || !withAvailability ? new Dictionary<string, SkuAvailability>() : await availability.ForSkusAsync(skuList, market, ct);
        var rate = await taxRates.FindAsync(market, ct);
        var tax = rate is null ? TaxRule.None : new TaxRule(rate.RateBasisPoints, rate.TaxInclusive);

        var lines = cart.Lines.OrderBy(l => l.AddedAt).ThenBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var priced = lines.Where(l => found.ContainsKey(l.Sku)).ToList();
        var units = priced.Select(l => (found[l.Sku].Amount, l.Quantity)).ToList();
        var zero = Money.Zero(cart.Currency);
        var subtotal = Money.Sum(units.Select(u => u.Amount * u.Quantity), cart.Currency);

        DiscountQuote? discount = null;
        string? promotionProblem = null;
        if (priced.Count > 0)
        {
            var promoLines = priced.Select((l, i) => new PromotionLine(l.Sku, info.GetValueOrDefault(l.Sku)?.Brand ?? "",
                info.GetValueOrDefault(l.Sku)?.Categories ?? [], units[i].Amount * units[i].Quantity)).ToList();
            try
            {
                discount = await promotions.QuoteAsync(cart.PromotionCode, standing.MemberId, standing.Tier, promoLines, ct);
            }
            catch (DomainException e) when (!strict && e.Code == PromotionProblems.PromotionNotApplicable)
            {
                // The cart still shows; the code is flagged and checkout will refuse it until it applies or is changed.
                promotionProblem = e.Code;
                discount = await promotions.QuoteAsync(null, standing.MemberId, standing.Tier, promoLines, ct);
            }
        }
        else if (cart.PromotionCode is not null)
        {
            if (strict) throw new DomainException(PromotionProblems.PromotionNotApplicable, "This promotion code does not apply.", 422);
            promotionProblem = PromotionProblems.PromotionNotApplicable;
        }
        var lineDiscounts = discount?.PerLine.ToList() ?? priced.Select(_ => zero).ToList();
        var afterDiscount = subtotal - Money.Sum(lineDiscounts, cart.Currency);
        var shippingCost = priced.Count == 0 ? zero : await QuoteShippingAsync(shippingMethod, afterDiscount, ct);
        var totals = CartTotals.Compute(cart.Currency, units, lineDiscounts, shippingCost, tax);

        var result = lines.Select(l =>
        {
            var index = priced.IndexOf(l);
            var sku = info.GetValueOrDefault(l.Sku);
            var price = found.GetValueOrDefault(l.Sku);
            return new PricedLine(l.Sku, sku?.Title ?? l.Sku, sku?.Brand ?? "", l.Quantity, price?.Amount, price?.CompareAt, l.SeenPriceMinor,
                stock.GetValueOrDefault(l.Sku) ?? new SkuAvailability(l.Sku, StockStatus.SoldOut, 0), index < 0 ? null : totals.Lines[index]);
        }).ToList();
        return new PricedCart(cart.Currency, market, result, totals, discount, tax, promotionProblem);
    }

    private Task<Money> QuoteShippingAsync(string method, Money subtotal, CancellationToken ct) => shipping.QuoteAsync(method, subtotal, ct);

    /// <summary>The market a cart is priced for before the member gives an address.</summary>
    public static string DefaultCountry(Currency currency) => currency.Code switch
    {
        "GBP" => "GB",
        "JPY" => "JP",
        "KWD" => "KW",
        "BHD" => "BH",
        "USD" => "US",
        "CHF" => "CH",
        "EUR" => "FR",
        _ => currency.Code[..2],
    };
}
