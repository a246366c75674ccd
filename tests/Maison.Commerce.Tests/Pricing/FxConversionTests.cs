using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;
using Maison.Commerce.Pricing;

namespace Maison.Commerce.Tests.Pricing;

public sealed class FxConversionTests
{
    private static readonly string[] Codes = ["JPY", "GBP", "EUR", "USD", "KWD", "BHD", "CHF"];
    private static readonly long[] Steps = [1, 5, 10, 50, 100, 500, 1000, 10_000];

    /// <summary>A base price, a different target currency, a rate from 0.000001 to 1000 (6 decimals) and a step.</summary>
    private static Arbitrary<(Money Base, Currency Target, decimal Rate, long Step)> Cases() =>
        (from baseCode in Gen.Elements(Codes)
         from targetCode in Gen.Elements(Codes).Where(c => c != baseCode)
         from amount in Gen.Choose(0, int.MaxValue).Select(a => (long)a * 7)
         from rateMicros in Gen.Choose(1, 1_000_000_000)
         from step in Gen.Elements(Steps)
         select (Money.Of(amount, baseCode), Currency.From(targetCode), rateMicros / 1_000_000m, step)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Rounding_up_never_lands_below_the_converted_base_price_and_stays_within_one_step() =>
        Prop.ForAll(Cases(), c =>
        {
            var exact = FxConversion.Exact(c.Base, c.Target, c.Rate);
            var price = FxConversion.Convert(c.Base, c.Target, c.Rate, new RoundingRule(RoundingMode.Up, c.Step));
            return price.AmountMinor >= exact && price.AmountMinor - exact < c.Step && price.AmountMinor % c.Step == 0;
        });

    [Property(MaxTest = 500)]
    public Property Rounding_to_nearest_moves_the_price_by_at_most_half_a_step() =>
        Prop.ForAll(Cases(), c =>
        {
            var exact = FxConversion.Exact(c.Base, c.Target, c.Rate);
            var price = FxConversion.Convert(c.Base, c.Target, c.Rate, new RoundingRule(RoundingMode.Nearest, c.Step));
            return Math.Abs(price.AmountMinor - exact) * 2 <= c.Step && price.AmountMinor % c.Step == 0;
        });

    [Property(MaxTest = 300)]
    public Property A_rate_of_one_rescales_minor_units_by_the_difference_of_exponents() =>
        Prop.ForAll(Cases(), c =>
        {
            var price = FxConversion.Convert(c.Base, c.Target, 1m, RoundingRule.MinorUnit);
            var shift = c.Target.Exponent - c.Base.Currency.Exponent;
            var expected = shift >= 0
                ? c.Base.AmountMinor * (long)Math.Pow(10, shift)
                : (long)decimal.Round(c.Base.AmountMinor / (decimal)Math.Pow(10, -shift), MidpointRounding.AwayFromZero);
            return price.Currency == c.Target && price.AmountMinor == expected;
        });

    [Fact]
    public void Yen_prices_round_up_to_the_next_thousand_yen()
    {
        // £1,250.00 at 191.5 is ¥239,375, shown as ¥240,000.
        var price = FxConversion.Convert(Money.Of(125_000, "GBP"), Currency.JPY, 191.5m, new RoundingRule(RoundingMode.Up, 1000));
        Assert.Equal(Money.Of(240_000, "JPY"), price);
    }

    [Fact]
    public void Kuwaiti_dinar_prices_have_three_decimals()
    {
        // £1,250.00 at 0.3871 is 483.875 KWD: 483875 fils exactly.
        Assert.Equal(Money.Of(483_875, "KWD"), FxConversion.Convert(Money.Of(125_000, "GBP"), Currency.KWD, 0.3871m, RoundingRule.MinorUnit));
    }

    [Theory]
    [InlineData(145_301, 100, 145_400)] // whole euros
    [InlineData(145_301, 50, 145_350)] // …,00 / …,50
    [InlineData(145_300, 100, 145_300)] // already whole: unchanged
    public void Euro_prices_round_up_to_the_market_step(long gbpMinor, long step, long expectedEurMinor) =>
        Assert.Equal(Money.Of(expectedEurMinor, "EUR"), FxConversion.Convert(Money.Of(gbpMinor, "GBP"), Currency.EUR, 1m, new RoundingRule(RoundingMode.Up, step)));

    [Fact]
    public void A_non_positive_rate_is_refused() =>
        Assert.Equal(ProblemCodes.ValidationFailed,
            Assert.Throws<DomainException>(() => FxConversion.Convert(Money.Of(100, "GBP"), Currency.EUR, 0m, RoundingRule.MinorUnit)).Code);
}
