using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Promotions.Contracts;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Promotions;

/// <summary>
/// <see cref="IPromotions"/>: the entered code (at most one) plus every live automatic promotion the member and cart
/// qualify for. Combination order (see <see cref="DiscountCalculator"/>): all percentages on the original subtotal of
/// the lines they cover, then all fixed amounts off what is left; each capped so nothing goes below zero. Within a
/// kind the code comes first, then automatic promotions by code. Line shares by largest remainder.
/// </summary>
internal sealed class PromotionEngine(CommerceDb db, RedemptionCounter counter, ITenantDirectory tenants, TimeProvider time,
    PromotionsReferenceCache reference) : IPromotions
{
    public async Task<DiscountQuote> QuoteAsync(string? code, Guid memberId, string? tier, IReadOnlyList<PromotionLine> lines, CancellationToken ct)
    {
        var entered = string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
        if (lines.Count == 0)
        {
            if (entered is not null) throw NotApplicable($"The code '{entered}' needs something in the cart.");
            var tenant = await tenants.FindByIdAsync(db.Tenant.Required, ct);
            return new DiscountQuote(null, Money.Of(0, tenant?.DefaultCurrency ?? Currency.GBP.Code), [], []);
        }
        var currency = lines[0].Subtotal.Currency;
        var subtotal = Money.Sum(lines.Select(l => l.Subtotal), currency);
        var now = time.GetUtcNow();

        var chosen = new List<Promotion>();
        if (entered is not null) chosen.Add(await EnteredAsync(entered, memberId, tier, lines, subtotal, now, ct));
        chosen.AddRange(await AutomaticAsync(memberId, tier, lines, subtotal, now, ct));

        var steps = chosen.Select(p => new DiscountStep(p.Kind, p.Kind == PromotionKind.Percentage ? p.PercentOffBasisPoints!.Value : p.AmountOffMinor!.Value,
            lines.Select(l => p.Covers(l.Brand, l.Categories)).ToArray())).ToList();
        var split = DiscountCalculator.Apply(lines.Select(l => l.Subtotal.AmountMinor).ToArray(), steps);
        var applied = chosen.Select((p, i) => new AppliedPromotion(p.Id, p.Code, p.Automatic, new Money(split.PerStep[i], currency)))
            .Where(a => !a.Automatic || !a.Amount.IsZero).ToList();
        return new DiscountQuote(entered, new Money(split.Total, currency), split.PerLine.Select(d => new Money(d, currency)).ToList(), applied);
    }

    public Task<bool> TryRedeemAsync(IReadOnlyList<AppliedPromotion> applied, Guid memberId, Guid orderId, CancellationToken ct) =>
        counter.TryRedeemAsync(applied, memberId, orderId, ct);

    public Task ReleaseAsync(Guid orderId, CancellationToken ct) => counter.ReleaseAsync(orderId, ct);

    private async Task<Promotion> EnteredAsync(string code, Guid memberId, string? tier, IReadOnlyList<PromotionLine> lines, Money subtotal,
        DateTimeOffset now, CancellationToken ct)
    {
        var promotion = await db.Set<Promotion>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code && !p.Automatic, ct)
            ?? throw NotApplicable($"There is no promotion '{code}'.");
        if (!promotion.IsLive(now)) throw NotApplicable($"The promotion '{code}' is not running now.");
        if (!promotion.AcceptsSubtotal(subtotal)) throw NotApplicable($"The promotion '{code}' does not apply to a cart of {subtotal}.");
        if (!promotion.IsForTier(tier)) throw NotApplicable($"The promotion '{code}' is not for your membership tier.");
        if (!lines.Any(l => promotion.Covers(l.Brand, l.Categories))) throw NotApplicable($"The promotion '{code}' covers nothing in the cart.");
        if (promotion.IsExhausted || (await MemberUsesAsync([promotion], memberId, ct)).Contains(promotion.Id))
        {
            throw new DomainException(PromotionProblems.PromotionExhausted, $"The promotion '{code}' has been used as often as it may.", 409);
        }
        return promotion;
    }

    private async Task<List<Promotion>> AutomaticAsync(Guid memberId, string? tier, IReadOnlyList<PromotionLine> lines, Money subtotal,
        DateTimeOffset now, CancellationToken ct)
    {
        var automatic = await reference.AutomaticAsync(db.Tenant.Required,
            () => db.Set<Promotion>().AsNoTracking().Where(p => p.Automatic).ToListAsync(ct));
        var candidates = automatic.Where(p => p.IsLive(now) && p.AcceptsSubtotal(subtotal) && p.IsForTier(tier)
            && lines.Any(l => p.Covers(l.Brand, l.Categories))).ToList();
        // The cached rows' use counts are stale by nature: a limited promotion's row is read again before it is offered.
        var limited = candidates.Where(p => p.UsageLimit is not null).Select(p => p.Id).ToList();
        if (limited.Count > 0)
        {
            var fresh = await db.Set<Promotion>().AsNoTracking().Where(p => limited.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            candidates = candidates.Where(p => p.UsageLimit is null || fresh.ContainsKey(p.Id)).Select(p => fresh.GetValueOrDefault(p.Id) ?? p).ToList();
        }
        var eligible = candidates.Where(p => !p.IsExhausted).ToList();
        var usedUp = await MemberUsesAsync(eligible, memberId, ct);
        return eligible.Where(p => !usedUp.Contains(p.Id)).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The promotions among these whose perMemberLimit this member has reached (a read; redeeming re-checks atomically).</summary>
    private async Task<HashSet<Guid>> MemberUsesAsync(IReadOnlyList<Promotion> promotions, Guid memberId, CancellationToken ct)
    {
        var limited = promotions.Where(p => p.PerMemberLimit is not null).ToDictionary(p => p.Id, p => p.PerMemberLimit!.Value);
        if (limited.Count == 0) return [];
        var ids = limited.Keys.ToList();
        var uses = await db.Set<PromotionMemberUse>().AsNoTracking().Where(u => u.MemberId == memberId && ids.Contains(u.PromotionId))
            .Select(u => new { u.PromotionId, u.Uses }).ToListAsync(ct);
        return uses.Where(u => u.Uses >= limited[u.PromotionId]).Select(u => u.PromotionId).ToHashSet();
    }

    private static DomainException NotApplicable(string detail) => new(PromotionProblems.PromotionNotApplicable, detail, 422);
}
