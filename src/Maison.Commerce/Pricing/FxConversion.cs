using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;

namespace Maison.Commerce.Pricing;

/// <summary>
/// Derives a price in one currency from a base price, an FX rate (units of target per unit of base) and a market
/// rounding rule. Decimal arithmetic is confined to this method; the result is integer minor units.
/// </summary>
public static class FxConversion
{
    public static Money Convert(Money basePrice, Currency target, decimal rate, RoundingRule rule)
    {
        if (rate <= 0) throw DomainException.Validation("rate", "An FX rate must be positive.");
        return new Money(rule.Apply(Exact(basePrice, target, rate)), target);
    }

    /// <summary>The exact converted amount in target minor units, before any rounding.</summary>
    public static decimal Exact(Money basePrice, Currency target, decimal rate) =>
        basePrice.AmountMinor * rate * target.MinorPerMajor / basePrice.Currency.MinorPerMajor;
}
