using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions;

/// <summary>Money on the wire (API.md): integer minor units of an ISO currency.</summary>
public sealed record PromotionMoney(
    [property: Required, StringLength(3, MinimumLength = 3)] string Currency,
    [property: Range(0, long.MaxValue)] long AmountMinor)
{
    public Money ToMoney() => Money.Of(AmountMinor, Currency.ToUpperInvariant());

    public static PromotionMoney? From(Money? money) => money is { } m ? new(m.Currency.Code, m.AmountMinor) : null;
}

/// <summary>
/// A promotion. <c>kind</c> "percentage" needs <c>percentOff</c> (0.01–100, at most two decimals, kept exactly as
/// basis points); "fixed" needs <c>amountOff</c> and applies only to carts in that currency. Without
/// <c>automatic</c> members enter <c>code</c> (case-insensitively) at the cart, one code per cart. With
/// <c>automatic: true</c> it applies by itself to every cart that qualifies, beside the entered code; <c>code</c> is then
/// only its handle. Either kind may be narrowed: <c>brands</c> and <c>categories</c> (slugs) choose which lines it
/// discounts (a line qualifies by its brand and any of its categories; an empty list means all), <c>tiers</c> which
/// members get it (membership tier slugs; empty = everyone). Combination: all percentages on the original subtotal of
/// their lines, then fixed amounts off what is left; never below zero. <c>minSubtotal</c> is on the whole cart, in
/// its currency. <c>usageLimit</c> caps uses across members, <c>perMemberLimit</c> per member; uses of cancelled or
/// failed orders are given back. Window: <c>startsAt</c> inclusive, <c>endsAt</c> exclusive.
/// </summary>
public sealed record CreatePromotionRequest(
    [property: Required, RegularExpression(PromotionCodes.Pattern, ErrorMessage = "code is 3 to 40 letters, digits, hyphens or underscores."),
        Description("What members type at the cart; stored in upper case.")] string Code,
    [property: Required, Description("percentage or fixed")] PromotionKind? Kind,
    [property: Range(typeof(decimal), "0.01", "100", ErrorMessage = "percentOff must be between 0.01 and 100.", ParseLimitsInInvariantCulture = true),
        Description("Percent off, e.g. 12.5")] decimal? PercentOff,
    [property: Description("The amount off for kind fixed.")] PromotionMoney? AmountOff,
    [property: Description("The cart subtotal needed, in the cart's currency.")] PromotionMoney? MinSubtotal,
    [property: Range(1, int.MaxValue)] int? UsageLimit,
    [property: Range(1, int.MaxValue)] int? PerMemberLimit,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [property: Description("Applies without a code to every qualifying cart.")] bool? Automatic,
    [property: MaxLength(50), Description("Brand slugs whose lines it discounts; empty = all.")] IReadOnlyList<string>? Brands,
    [property: MaxLength(50), Description("Category slugs whose lines it discounts; empty = all.")] IReadOnlyList<string>? Categories,
    [property: MaxLength(50), Description("Membership tiers it is for; empty = every member.")] IReadOnlyList<string>? Tiers);

/// <param name="Uses">Uses counted for orders that were not given back.</param>
public sealed record PromotionResponse(
    Guid Id, string Code, PromotionKind Kind, decimal? PercentOff, PromotionMoney? AmountOff, PromotionMoney? MinSubtotal, int? UsageLimit,
    int? PerMemberLimit, int Uses, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool Automatic, IReadOnlyList<string> Brands,
    IReadOnlyList<string> Categories, IReadOnlyList<string> Tiers, DateTimeOffset CreatedAt)
{
    internal static PromotionResponse From(Promotion p, int uses) => new(p.Id, p.Code, p.Kind,
        p.PercentOffBasisPoints is { } bp ? bp / 100m : null, PromotionMoney.From(p.AmountOff), PromotionMoney.From(p.MinSubtotal), p.UsageLimit,
        p.PerMemberLimit, uses, p.StartsAt, p.EndsAt, p.Automatic, p.Brands, p.Categories, p.Tiers, p.CreatedAt);
}

public static class PromotionCodes
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{1,38}[A-Za-z0-9]$";
}
