using System.Text.RegularExpressions;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Promotions;

/// <summary>Staff create and read promotions; the rules a request must meet beyond its annotations live here.</summary>
internal sealed class PromotionAdministration(CommerceDb db, TimeProvider time, PromotionsReferenceCache reference)
{
    public async Task<Promotion> CreateAsync(CreatePromotionRequest request, CancellationToken ct)
    {
        var promotion = new Promotion(db.Tenant.Required, Terms(request), time.GetUtcNow());
        db.Set<Promotion>().Add(promotion);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(promotion).State = EntityState.Detached;
            throw DomainException.Conflict(ProblemCodes.CodeTaken, $"The promotion code '{promotion.Code}' exists.");
        }
        reference.ForgetAutomatic(db.Tenant.Required);
        return promotion;
    }

    /// <summary>Uses counted for orders not given back, per promotion (the usage-limit column only exists where there is a limit to guard).</summary>
    public async Task<Dictionary<Guid, int>> UsesAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        await db.Set<PromotionRedemption>().AsNoTracking().Where(r => ids.Contains(r.PromotionId) && r.ReleasedAt == null)
            .GroupBy(r => r.PromotionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private static PromotionTerms Terms(CreatePromotionRequest r)
    {
        var kind = r.Kind!.Value;
        int? basisPoints = null;
        if (kind == PromotionKind.Percentage)
        {
            if (r.PercentOff is not { } percent) throw DomainException.Validation("percentOff", "A percentage promotion needs percentOff.");
            if (r.AmountOff is not null) throw DomainException.Validation("amountOff", "A percentage promotion has no amountOff.");
            if (decimal.Round(percent, 2) != percent) throw DomainException.Validation("percentOff", "percentOff has at most two decimals.");
            basisPoints = (int)(percent * 100);
        }
        else
        {
            if (r.AmountOff is null) throw DomainException.Validation("amountOff", "A fixed promotion needs amountOff.");
            if (r.PercentOff is not null) throw DomainException.Validation("percentOff", "A fixed promotion has no percentOff.");
            if (r.AmountOff.AmountMinor <= 0) throw DomainException.Validation("amountOff.amountMinor", "amountOff must be positive.");
        }
        if (r.StartsAt is { } starts && r.EndsAt is { } ends && ends <= starts)
        {
            throw DomainException.Validation("endsAt", "endsAt must be after startsAt.");
        }
        return new PromotionTerms(r.Code.ToUpperInvariant(), kind, basisPoints, r.AmountOff?.ToMoney(), r.MinSubtotal?.ToMoney(), r.UsageLimit,
            r.PerMemberLimit, r.StartsAt, r.EndsAt, r.Automatic ?? false, Slugs("brands", r.Brands), Slugs("categories", r.Categories),
            Slugs("tiers", r.Tiers));
    }

    private static List<string> Slugs(string field, IReadOnlyList<string>? values)
    {
        var list = (values ?? []).Select(v => v?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (list.Any(v => !Regex.IsMatch(v, Platform.Slugs.Pattern)))
        {
            throw DomainException.Validation(field, $"{field} lists slugs: lower-case letters, digits and hyphens.");
        }
        return list;
    }
}
