using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Checkout;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Checkout;

public sealed class CartTotalsTests
{
    private sealed record Case(Currency Currency, List<(Money Unit, int Quantity)> Lines, Money Discount, Money Shipping, TaxRule Tax);

    /// <summary>GBP, JPY and KWD carts of 1–8 lines, an order discount up to the subtotal (split by largest remainder as Promotions does), shipping and VAT either way.</summary>
    private static Arbitrary<Case> Cases() =>
        (from code in Gen.Elements("GBP", "JPY", "KWD")
         from count in Gen.Choose(1, 8)
         from units in Gen.ListOf(Gen.Choose(0, 5_000_000), count)
         from quantities in Gen.ListOf(Gen.Choose(1, 5), count)
         from discountPercent in Gen.Choose(0, 100)
         from shipping in Gen.Choose(0, 50_000)
         from rate in Gen.Elements(0, 500, 1000, 1900, 2000, 2100)
         from inclusive in Gen.Elements(true, false)
         let currency = Currency.From(code)
         let lines = units.Zip(quantities, (u, q) => (new Money(u, currency), q)).ToList()
         let subtotal = lines.Sum(l => l.Item1.AmountMinor * l.q)
         select new Case(currency, lines, new Money(subtotal * discountPercent / 100, currency), new Money(shipping, currency), new TaxRule(rate, inclusive)))
        .ToArbitrary();

    private static CartTotalsResult Compute(Case c)
    {
        var perLine = new Money(c.Discount.AmountMinor, c.Currency).Allocate(c.Lines.Select(l => l.Unit.AmountMinor * l.Quantity).ToList());
        return CartTotals.Compute(c.Currency, c.Lines, perLine, c.Shipping, c.Tax);
    }

    [Property(MaxTest = 500)]
    public Property Line_amounts_sum_exactly_to_every_total() =>
        Prop.ForAll(Cases(), c =>
        {
            var t = Compute(c);
            return t.Lines.Sum(l => l.Subtotal.AmountMinor) == t.Subtotal.AmountMinor
                && t.Lines.Sum(l => l.Discount.AmountMinor) == t.Discount.AmountMinor
                && t.Lines.Sum(l => l.Shipping.AmountMinor) == t.Shipping.AmountMinor
                && t.Lines.Sum(l => l.Tax.AmountMinor) == t.Tax.AmountMinor
                && t.Lines.Sum(l => l.Total.AmountMinor) == t.Total.AmountMinor
                && t.Lines.All(l => l.Total.Currency == c.Currency);
        });

    [Property(MaxTest = 500)]
    public Property The_total_is_subtotal_less_discount_plus_shipping_plus_tax_only_where_tax_is_added() =>
        Prop.ForAll(Cases(), c =>
        {
            var t = Compute(c);
            var expected = t.Subtotal.AmountMinor - t.Discount.AmountMinor + t.Shipping.AmountMinor + (c.Tax.Inclusive ? 0 : t.Tax.AmountMinor);
            return t.Discount == c.Discount && t.Shipping == c.Shipping && t.Total.AmountMinor == expected && t.Lines.All(l => l.Total.AmountMinor >= 0);
        });

    [Property(MaxTest = 300)]
    public Property Each_line_can_be_refunded_in_parts_that_sum_exactly_to_it() =>
        Prop.ForAll(Cases(), Gen.Choose(1, 5).ToArbitrary(), (c, parts) =>
        {
            var t = Compute(c);
            return t.Lines.All(l => l.Total.Allocate(Enumerable.Repeat(1L, parts).ToList()).Sum(p => p.AmountMinor) == l.Total.AmountMinor);
        });

    [Fact]
    public void Uk_vat_is_extracted_per_line_and_shipping_tax_is_split_by_largest_remainder()
    {
        var gbp = Currency.From("GBP");
        var t = CartTotals.Compute(gbp, [(new Money(125_000, gbp), 1), (new Money(999, gbp), 3)], [Money.Zero(gbp), Money.Zero(gbp)],
            new Money(1_000, gbp), new TaxRule(2000, true));

        Assert.Equal(20_833 + 500 + 167, t.Tax.AmountMinor); // goods VAT per line, plus round(1000 × 20/120) for shipping
        Assert.Equal(125_000 + 2_997 + 1_000, t.Total.AmountMinor);
    }

    [Fact]
    public void Tax_added_on_top_rounds_half_away_from_zero() =>
        Assert.Equal(13, CartTotals.AddedTax(Money.Of(125, "USD"), 1000).AmountMinor); // 12.5 → 13
}
