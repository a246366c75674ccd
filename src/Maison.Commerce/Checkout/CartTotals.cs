using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;

namespace Maison.Commerce.Checkout;

/// <summary>The amounts of one line: shares of the order's discount, shipping and tax included, so totals are their sums.</summary>
public sealed record LineAmounts(Money Subtotal, Money Discount, Money Shipping, Money Tax, Money Total);

public sealed record CartTotalsResult(IReadOnlyList<LineAmounts> Lines, Money Subtotal, Money Discount, Money Shipping, Money Tax, Money Total);

/// <summary>The market's VAT: the rate and whether prices include it (UK, EU) or it is added on top.</summary>
public sealed record TaxRule(int RateBasisPoints, bool Inclusive)
{
    public static readonly TaxRule None = new(0, true);
}

/// <summary>
/// Cart and order arithmetic (DOMAIN.md), in integer minor units only. Each line's discount comes from Promotions
/// (already split by largest remainder); shipping and its tax are split over lines by largest remainder in proportion
/// to their net amounts. In tax-inclusive markets VAT is extracted per line from the gross; otherwise it is added per
/// line. The totals are the sums of the line amounts, so line amounts always add up to them exactly.
/// </summary>
public static class CartTotals
{
    public static CartTotalsResult Compute(Currency currency, IReadOnlyList<(Money Unit, int Quantity)> lines, IReadOnlyList<Money> discounts,
        Money shipping, TaxRule tax)
    {
        if (discounts.Count != lines.Count) throw new ArgumentException("One discount per line.", nameof(discounts));
        var subtotals = lines.Select(l => l.Unit * l.Quantity).ToArray();
        // A discount never takes a line below zero.
        var lineDiscounts = subtotals.Select((s, i) => Money.Min(Money.Max(discounts[i], Money.Zero(currency)), s)).ToArray();
        var nets = subtotals.Select((s, i) => s - lineDiscounts[i]).ToArray();
        var weights = nets.Select(n => n.AmountMinor).ToArray();

        var shippingShares = lines.Count == 0 ? [] : Allocation.LargestRemainder(shipping.AmountMinor, weights);
        var shippingTax = tax.Inclusive ? VatMath.IncludedTax(shipping, tax.RateBasisPoints) : AddedTax(shipping, tax.RateBasisPoints);
        var shippingTaxShares = lines.Count == 0 ? [] : Allocation.LargestRemainder(shippingTax.AmountMinor, weights);

        var result = new List<LineAmounts>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var shippingShare = new Money(shippingShares[i], currency);
            var goodsTax = tax.Inclusive ? VatMath.IncludedTax(nets[i], tax.RateBasisPoints) : AddedTax(nets[i], tax.RateBasisPoints);
            var lineTax = goodsTax + new Money(shippingTaxShares[i], currency);
            var total = nets[i] + shippingShare + (tax.Inclusive ? Money.Zero(currency) : lineTax);
            result.Add(new LineAmounts(subtotals[i], lineDiscounts[i], shippingShare, lineTax, total));
        }
        return new CartTotalsResult(result,
            Money.Sum(result.Select(l => l.Subtotal), currency),
            Money.Sum(result.Select(l => l.Discount), currency),
            Money.Sum(result.Select(l => l.Shipping), currency),
            Money.Sum(result.Select(l => l.Tax), currency),
            Money.Sum(result.Select(l => l.Total), currency));
    }

    /// <summary>Tax added on top of a net amount: round(net × rate), halves away from zero.</summary>
    public static Money AddedTax(Money net, int rateBasisPoints)
    {
        var numerator = (Int128)net.AmountMinor * rateBasisPoints;
        var (quotient, remainder) = Int128.DivRem(Int128.Abs(numerator), 10_000);
        var rounded = quotient + (remainder * 2 >= 10_000 ? 1 : 0);
        return new Money((long)(numerator < 0 ? -rounded : rounded), net.Currency);
    }
}
