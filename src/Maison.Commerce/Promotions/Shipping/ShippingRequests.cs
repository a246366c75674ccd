using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions.Shipping;

/// <summary>A rate: <c>amountMinor</c> in <c>currency</c>, free when the cart subtotal is at least <c>freeOverMinor</c>.</summary>
public sealed record ShippingRateBody(
    [property: Required, StringLength(3, MinimumLength = 3)] string Currency,
    [property: Range(0, long.MaxValue)] long AmountMinor,
    [property: Range(0, long.MaxValue)] long? FreeOverMinor);

/// <summary>
/// A shipping method with one rate per currency. Once a tenant defines any method, the implicit free <c>standard</c>
/// is gone: define <c>standard</c> too if carts should keep it.
/// </summary>
public sealed record CreateShippingMethodRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "code must be lower-case letters, digits and hyphens."), MaxLength(63)] string Code,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required, MinLength(1), MaxLength(50)] IReadOnlyList<ShippingRateBody> Rates);

public sealed record ShippingMethodResponse(string Code, string Name, IReadOnlyList<ShippingRateBody> Rates)
{
    internal static ShippingMethodResponse From(ShippingMethod m) =>
        new(m.Code, m.Name, m.Rates.Select(r => new ShippingRateBody(r.Currency.Code, r.AmountMinor, r.FreeOverMinor)).ToList());
}
