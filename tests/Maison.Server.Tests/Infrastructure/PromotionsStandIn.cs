using Maison.Commerce.Platform;
using Maison.Commerce.Promotions.Contracts;

namespace Maison.Server.Tests.Infrastructure;

// These two exist ONLY because the Promotions module is being built in a parallel branch: until it is merged, test
// servers get a minimal IPromotions (no discount) and IShippingRates (`standard`, free). They are registered before
// the modules, so once Promotions' own module registers its services, those win and these are unused.

/// <summary>No promotion applies to anything; redeeming has nothing to count.</summary>
public sealed class NoPromotionsStandIn : IPromotions
{
    public Task<DiscountQuote> QuoteAsync(string? code, Guid memberId, string? tier, IReadOnlyList<PromotionLine> lines, CancellationToken ct)
    {
        if (code is not null) throw new DomainException(PromotionProblems.PromotionNotApplicable, "No promotions exist in these tests.", 422);
        var currency = lines.Count > 0 ? lines[0].Subtotal.Currency : Currency.From("GBP");
        return Task.FromResult(new DiscountQuote(null, Money.Zero(currency), lines.Select(l => Money.Zero(l.Subtotal.Currency)).ToList(), []));
    }

    public Task<bool> TryRedeemAsync(IReadOnlyList<AppliedPromotion> applied, Guid memberId, Guid orderId, CancellationToken ct) => Task.FromResult(true);

    public Task ReleaseAsync(Guid orderId, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The method every new tenant starts with: <c>standard</c>, free.</summary>
public sealed class FreeStandardShippingStandIn : IShippingRates
{
    public Task<Money> QuoteAsync(string method, Money subtotal, CancellationToken ct) =>
        method == "standard"
            ? Task.FromResult(Money.Zero(subtotal.Currency))
            : throw new DomainException("unknown_shipping_method", $"There is no shipping method '{method}'.", 422);
}
