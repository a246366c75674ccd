using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions.Contracts;

/// <summary>A cart line as promotions see it: what it is (for brand/category rules) and its subtotal.</summary>
public sealed record PromotionLine(string Sku, string Brand, IReadOnlyList<string> Categories, Money Subtotal);

/// <summary>
/// The discount a cart gets: the entered code plus automatic promotions (by brand, category or tier), each line's
/// share allocated by largest remainder so <see cref="PerLine"/> sums exactly to <see cref="Total"/>.
/// </summary>
/// <param name="Applied">The promotions that apply (the code's first), for counting uses at checkout.</param>
public sealed record DiscountQuote(string? Code, Money Total, IReadOnlyList<Money> PerLine, IReadOnlyList<AppliedPromotion> Applied);

public sealed record AppliedPromotion(Guid PromotionId, string Code, bool Automatic, Money Amount);

/// <summary>Problem codes of promotions.</summary>
public static class PromotionProblems
{
    /// <summary>422: no such code, not started, ended, or the cart is below its minimum.</summary>
    public const string PromotionNotApplicable = "promotion_not_applicable";

    /// <summary>409: the code's usageLimit or the member's perMemberLimit is reached.</summary>
    public const string PromotionExhausted = "promotion_exhausted";
}

/// <summary>Promotions for Cart and Checkout. Quoting has no side effects; redeeming counts uses atomically.</summary>
public interface IPromotions
{
    /// <summary>
    /// Prices <paramref name="code"/> (may be null) and the automatic promotions for this member against the lines.
    /// A code that does not apply throws 422 <see cref="PromotionProblems.PromotionNotApplicable"/>.
    /// </summary>
    Task<DiscountQuote> QuoteAsync(string? code, Guid memberId, string? tier, IReadOnlyList<PromotionLine> lines, CancellationToken ct);

    /// <summary>
    /// Counts one use of each applied promotion for <paramref name="orderId"/>, each as one conditional update
    /// against usageLimit and perMemberLimit, on the caller's unit of work (the checkout transaction). Returns false,
    /// counting nothing, if any limit is reached.
    /// </summary>
    Task<bool> TryRedeemAsync(IReadOnlyList<AppliedPromotion> applied, Guid memberId, Guid orderId, CancellationToken ct);

    /// <summary>Gives back the uses counted for <paramref name="orderId"/> (payment failed, order cancelled); idempotent.</summary>
    Task ReleaseAsync(Guid orderId, CancellationToken ct);
}

/// <summary>Shipping methods and rates per currency (flat, free above a threshold).</summary>
public interface IShippingRates
{
    /// <summary>
    /// The rate of <paramref name="method"/> for a cart of <paramref name="subtotal"/>; 422 <c>unknown_shipping_method</c>
    /// if the tenant has no such method in that currency. A tenant with no methods has <c>standard</c>, free.
    /// </summary>
    Task<Money> QuoteAsync(string method, Money subtotal, CancellationToken ct);
}
