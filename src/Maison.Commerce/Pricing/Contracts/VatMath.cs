using Maison.Commerce.Platform;

namespace Maison.Commerce.Pricing.Contracts;

/// <summary>VAT inside a gross price (DOMAIN.md): tax = round(gross × rate / (1 + rate)), in minor units.</summary>
public static class VatMath
{
    /// <summary>The tax included in <paramref name="gross"/> at <paramref name="rateBasisPoints"/> (20% = 2000), half away from zero.</summary>
    public static Money IncludedTax(Money gross, int rateBasisPoints)
    {
        if (rateBasisPoints < 0) throw DomainException.Validation("rateBasisPoints", "A tax rate cannot be negative.");
        // gross × (r/10000) / (1 + r/10000) = gross × r / (10000 + r), exact in integers up to the final rounding.
        var numerator = (Int128)gross.AmountMinor * rateBasisPoints;
        var denominator = (Int128)(10_000 + rateBasisPoints);
        var quotient = Int128.DivRem(Int128.Abs(numerator), denominator);
        var rounded = quotient.Quotient + (quotient.Remainder * 2 >= denominator ? 1 : 0);
        return new Money((long)(numerator < 0 ? -rounded : rounded), gross.Currency);
    }
}
