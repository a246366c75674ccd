using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Platform;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    public void Currencies_carry_their_iso_4217_exponent(string code, int exponent) =>
        Assert.Equal(exponent, Currency.From(code).Exponent);

    [Theory]
    [InlineData("XXX")]
    [InlineData("gbp")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("GBPX")]
    public void Unknown_currency_codes_are_refused_with_a_stable_code(string? code)
    {
        var error = Assert.Throws<DomainException>(() => Currency.From(code));
        Assert.Equal(ProblemCodes.UnknownCurrency, error.Code);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Adding_two_currencies_is_an_error_never_a_conversion()
    {
        var error = Assert.Throws<DomainException>(() => Money.Of(100, "GBP") + Money.Of(100, "EUR"));
        Assert.Equal(ProblemCodes.CurrencyMismatch, error.Code);
        Assert.Throws<DomainException>(() => Money.Of(100, "GBP") < Money.Of(100, "JPY"));
    }

    [Fact]
    public void Money_prints_in_major_units_by_exponent()
    {
        Assert.Equal("1250.00 GBP", Money.Of(125000, "GBP").ToString());
        Assert.Equal("240000 JPY", Money.Of(240000, "JPY").ToString());
        Assert.Equal("1.250 KWD", Money.Of(1250, "KWD").ToString());
    }

    [Fact]
    public void Overflow_is_an_error_not_a_wrap()
    {
        Assert.Throws<OverflowException>(() => Money.Of(long.MaxValue, "GBP") + Money.Of(1, "GBP"));
    }

    [Property]
    public Property Addition_is_exact_and_subtraction_undoes_it(int a, int b)
    {
        var x = Money.Of(a, "KWD");
        var y = Money.Of(b, "KWD");
        return ((x + y - y) == x && (x + y).AmountMinor == (long)a + b).ToProperty();
    }
}

public sealed class AllocationTests
{
    private static Arbitrary<long[]> Weights =>
        Gen.ArrayOf(Gen.Choose(0, 1_000_000).Select(w => (long)w)).Where(w => w.Length is > 0 and < 40).ToArbitrary();

    [Property]
    public Property An_allocation_always_sums_exactly_to_the_amount(long amount) =>
        Prop.ForAll(Weights, weights => Allocation.LargestRemainder(amount / 4, weights).Sum() == amount / 4);

    [Property]
    public Property Shares_are_never_negative_for_a_non_negative_amount_and_weights(NonNegativeInt amount) =>
        Prop.ForAll(Weights, weights => Allocation.LargestRemainder(amount.Get, weights).All(part => part >= 0));

    [Property]
    public Property Each_share_is_within_one_unit_of_its_exact_proportion(NonNegativeInt amount) =>
        Prop.ForAll(Weights.Filter(w => w.Any(x => x > 0)), weights =>
        {
            var parts = Allocation.LargestRemainder(amount.Get, weights);
            var total = (decimal)weights.Sum();
            return parts.Select((part, i) => Math.Abs(part - amount.Get * weights[i] / total)).All(diff => diff < 1m);
        });

    [Property]
    public Property A_money_split_keeps_its_currency_and_sums_exactly(NonNegativeInt amount) =>
        Prop.ForAll(Weights, weights =>
        {
            var total = Money.Of(amount.Get, "JPY");
            var parts = total.Allocate(weights);
            return parts.All(p => p.Currency == Currency.JPY) && Money.Sum(parts, Currency.JPY) == total;
        });

    [Fact]
    public void Leftover_units_go_to_the_largest_remainders()
    {
        // 100 over 1:1:1 is 33.33 each: the one unit left goes to the first of the equal remainders.
        Assert.Equal([34L, 33L, 33L], Allocation.LargestRemainder(100, [1, 1, 1]));
        // 10 over 7:3:... exact; 5 over 2:2:1 gives 2,2,1.
        Assert.Equal([7L, 3L], Allocation.LargestRemainder(10, [7, 3]));
        Assert.Equal([2L, 2L, 1L], Allocation.LargestRemainder(5, [2, 2, 1]));
        Assert.Equal([-34L, -33L, -33L], Allocation.LargestRemainder(-100, [1, 1, 1]));
    }

    [Fact]
    public void Negative_weights_are_refused() =>
        Assert.Throws<ArgumentException>(() => Allocation.LargestRemainder(10, [1, -1]));
}
