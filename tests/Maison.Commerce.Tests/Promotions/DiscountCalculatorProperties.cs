using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Platform;
using Maison.Commerce.Promotions;

namespace Maison.Commerce.Tests.Promotions;

/// <summary>Discount splits over GBP (exponent 2), JPY (0) and KWD (3) carts: exact, never negative, never more than a line.</summary>
public sealed class DiscountCalculatorProperties
{
    public sealed record Cart(Currency Currency, long[] Lines, DiscountStep[] Steps)
    {
        public override string ToString() =>
            $"{Currency} lines [{string.Join(", ", Lines)}] steps [{string.Join(", ", Steps.Select(s => $"{s.Kind} {s.Value} covers {(s.Covers is null ? "all" : string.Join("", s.Covers.Select(c => c ? 1 : 0)))}"))}]";
    }

    private static readonly Currency[] Currencies = [Currency.GBP, Currency.JPY, Currency.KWD];

    private static Gen<long> Amount(Currency currency) =>
        // Up to 200,000 major units, with a fair share of zero and tiny lines where rounding bites.
        Gen.OneOf(Gen.Choose(0, 3).Select(i => (long)i), Gen.Choose(1, 200_000).Select(major => major * currency.MinorPerMajor),
            Gen.Choose(1, int.MaxValue).Select(i => i % (200_000 * currency.MinorPerMajor) + 1));

    private static Gen<DiscountStep> Step(Currency currency, int lines) =>
        from kind in Gen.Elements(PromotionKind.Percentage, PromotionKind.Fixed)
        from value in kind == PromotionKind.Percentage ? Gen.Choose(1, Promotion.FullBasisPoints).Select(bp => (long)bp) : Amount(currency)
        from scoped in Gen.Elements(true, false)
        from covers in Gen.ArrayOf(Gen.Elements(true, false), lines)
        select new DiscountStep(kind, value, scoped ? covers : null);

    private static Arbitrary<Cart> Carts(params Currency[] currencies) =>
        (from currency in Gen.Elements(currencies)
         from count in Gen.Choose(1, 12)
         from lines in Gen.ArrayOf(Amount(currency), count)
         from stepCount in Gen.Choose(0, 4)
         from steps in Gen.ArrayOf(Step(currency, count), stepCount)
         select new Cart(currency, lines, steps)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Line_discounts_sum_exactly_to_the_total_and_to_the_promotions_amounts_in_GBP_JPY_and_KWD() =>
        Prop.ForAll(Carts(Currencies), cart =>
        {
            var split = DiscountCalculator.Apply(cart.Lines, cart.Steps);
            return split.PerLine.Length == cart.Lines.Length && split.PerLine.Sum() == split.PerStep.Sum();
        });

    [Property(MaxTest = 300)]
    public Property No_line_discount_is_negative_or_more_than_the_lines_subtotal() =>
        Prop.ForAll(Carts(Currencies), cart =>
        {
            var split = DiscountCalculator.Apply(cart.Lines, cart.Steps);
            return split.PerLine.Select((d, i) => d >= 0 && d <= cart.Lines[i]).All(ok => ok) && split.PerStep.All(s => s >= 0);
        });

    [Property(MaxTest = 300)]
    public Property A_percentage_and_a_fixed_amount_together_never_take_a_cart_below_zero() =>
        Prop.ForAll(Carts(Currencies), Gen.Choose(1, Promotion.FullBasisPoints).ToArbitrary(), Gen.Choose(1, int.MaxValue).ToArbitrary(),
            (cart, bp, fixedOff) =>
            {
                var split = DiscountCalculator.Apply(cart.Lines, [new(PromotionKind.Fixed, fixedOff), new(PromotionKind.Percentage, bp)]);
                return split.Total <= cart.Lines.Sum() && split.PerLine.Select((d, i) => cart.Lines[i] - d >= 0).All(ok => ok);
            });

    [Property(MaxTest = 300)]
    public Property Percentages_come_before_fixed_amounts_whatever_order_they_are_given_in() =>
        Prop.ForAll(Carts(Currencies), cart =>
        {
            var forward = DiscountCalculator.Apply(cart.Lines, cart.Steps);
            var reversed = DiscountCalculator.Apply(cart.Lines, cart.Steps.Where(s => s.Kind == PromotionKind.Fixed)
                .Concat(cart.Steps.Where(s => s.Kind == PromotionKind.Percentage)).ToArray());
            return forward.PerLine.SequenceEqual(reversed.PerLine);
        });

    [Property(MaxTest = 300)]
    public Property A_single_percentage_is_the_subtotals_share_rounded_half_up_to_the_minor_unit() =>
        Prop.ForAll(Carts(Currencies), Gen.Choose(1, Promotion.FullBasisPoints).ToArbitrary(), (cart, bp) =>
        {
            var subtotal = cart.Lines.Sum();
            var expected = (long)Math.Round((decimal)subtotal * bp / Promotion.FullBasisPoints, MidpointRounding.AwayFromZero);
            return DiscountCalculator.Apply(cart.Lines, [new(PromotionKind.Percentage, bp)]).Total == expected;
        });

    [Fact]
    public void Ten_percent_of_a_JPY_cart_rounds_to_whole_yen_and_of_a_KWD_cart_to_fils()
    {
        // ¥12,345 × 10 % = ¥1,234.5 → ¥1,235; 1.2345 KWD (1234 fils... ×10 %) = 123.4 fils → 123 fils.
        Assert.Equal(1_235, DiscountCalculator.Apply([12_345], [new(PromotionKind.Percentage, 1_000)]).Total);
        Assert.Equal(123, DiscountCalculator.Apply([1_234], [new(PromotionKind.Percentage, 1_000)]).Total);
    }

    [Fact]
    public void A_fixed_amount_is_split_over_the_lines_in_proportion_and_sums_exactly()
    {
        var split = DiscountCalculator.Apply([1_000, 1_000, 1_000], [new(PromotionKind.Fixed, 100)]);
        Assert.Equal([34, 33, 33], split.PerLine);
    }

    [Fact]
    public void Two_percentages_add_up_on_the_original_subtotal_and_a_fixed_amount_comes_off_what_is_left()
    {
        // 10 % + 20 % of 10,000 = 3,000 (not compounded: 2,800); then 8,000 fixed, capped at the 7,000 left.
        var split = DiscountCalculator.Apply([6_000, 4_000],
            [new(PromotionKind.Fixed, 8_000), new(PromotionKind.Percentage, 1_000), new(PromotionKind.Percentage, 2_000)]);
        Assert.Equal([7_000, 1_000, 2_000], split.PerStep);
        Assert.Equal([6_000, 4_000], split.PerLine);
    }

    [Fact]
    public void A_scoped_promotion_discounts_only_the_lines_it_covers()
    {
        var split = DiscountCalculator.Apply([5_000, 5_000], [new(PromotionKind.Percentage, 5_000, [false, true])]);
        Assert.Equal([0, 2_500], split.PerLine);
    }
}
