using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing;
using Maison.Commerce.Pricing.Contracts;

namespace Maison.Commerce.Tests.Pricing;

public sealed class VatMathTests
{
    [Theory]
    [InlineData(125_000, 2000, 20_833)] // UK 20%: 1250.00 gross holds 208.33 VAT
    [InlineData(120, 2000, 20)]
    [InlineData(100, 1900, 16)] // DE 19%: 15.966… → 16
    [InlineData(0, 2000, 0)]
    [InlineData(99_999, 0, 0)]
    public void Included_vat_is_gross_times_rate_over_one_plus_rate_rounded(long gross, int basisPoints, long tax) =>
        Assert.Equal(Money.Of(tax, "GBP"), VatMath.IncludedTax(Money.Of(gross, "GBP"), basisPoints));

    [Property(MaxTest = 500)]
    public Property Included_vat_is_within_half_a_minor_unit_of_the_exact_share() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (gross, bp) =>
        {
            var tax = VatMath.IncludedTax(Money.Of(gross, "EUR"), bp).AmountMinor;
            var exact = (decimal)gross * bp / (10_000 + bp);
            return Math.Abs(tax - exact) <= 0.5m && tax <= gross;
        });
}
