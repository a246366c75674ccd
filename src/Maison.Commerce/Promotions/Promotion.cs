using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions;

public enum PromotionKind
{
    Percentage,
    Fixed,
}

/// <summary>
/// A discount: a code members enter, or an automatic promotion that applies by itself. Either may be narrowed to
/// brands and categories (which lines it discounts) and to membership tiers (which members get it).
/// </summary>
public sealed class Promotion : ITenantOwned
{
    /// <summary>Basis points in 100 %: percentages are stored exactly as integers (12.5 % = 1250).</summary>
    public const int FullBasisPoints = 10_000;

    private Promotion() { }

    public Promotion(Guid tenantId, PromotionTerms terms, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Code = terms.Code;
        Kind = terms.Kind;
        PercentOffBasisPoints = terms.PercentOffBasisPoints;
        AmountOffMinor = terms.AmountOff?.AmountMinor;
        AmountOffCurrency = terms.AmountOff?.Currency;
        MinSubtotalMinor = terms.MinSubtotal?.AmountMinor;
        MinSubtotalCurrency = terms.MinSubtotal?.Currency;
        UsageLimit = terms.UsageLimit;
        PerMemberLimit = terms.PerMemberLimit;
        StartsAt = terms.StartsAt;
        EndsAt = terms.EndsAt;
        Automatic = terms.Automatic;
        Brands = [.. terms.Brands];
        Categories = [.. terms.Categories];
        Tiers = [.. terms.Tiers];
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Upper case; what members type (case-insensitively) or, for automatic ones, the handle staff see.</summary>
    public string Code { get; private set; } = "";

    public PromotionKind Kind { get; private set; }

    public int? PercentOffBasisPoints { get; private set; }

    public long? AmountOffMinor { get; private set; }

    public Currency? AmountOffCurrency { get; private set; }

    public long? MinSubtotalMinor { get; private set; }

    public Currency? MinSubtotalCurrency { get; private set; }

    public int? UsageLimit { get; private set; }

    public int? PerMemberLimit { get; private set; }

    /// <summary>
    /// The usage-limit guard, counted only by one conditional update (<c>uses &lt; usage_limit</c>), never read-then-written;
    /// only promotions with a limit count here (the redemption rows count every promotion).
    /// </summary>
    public int Uses { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    public bool Automatic { get; private set; }

    public List<string> Brands { get; private set; } = [];

    public List<string> Categories { get; private set; } = [];

    public List<string> Tiers { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public Money? AmountOff => AmountOffMinor is { } minor && AmountOffCurrency is { } c ? new Money(minor, c) : null;

    public Money? MinSubtotal => MinSubtotalMinor is { } minor && MinSubtotalCurrency is { } c ? new Money(minor, c) : null;

    /// <summary>Started (inclusive) and not yet ended (exclusive).</summary>
    public bool IsLive(DateTimeOffset now) => (StartsAt is null || StartsAt <= now) && (EndsAt is null || now < EndsAt);

    public bool IsExhausted => UsageLimit is { } limit && Uses >= limit;

    public bool IsForTier(string? tier) => Tiers.Count == 0 || (tier is not null && Tiers.Contains(tier, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether this promotion discounts a line: any brand when none are listed, likewise categories.</summary>
    public bool Covers(string brand, IReadOnlyList<string> categories) =>
        (Brands.Count == 0 || Brands.Contains(brand, StringComparer.OrdinalIgnoreCase))
        && (Categories.Count == 0 || categories.Any(c => Categories.Contains(c, StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// Whether it can discount a cart in <paramref name="subtotal"/>'s currency: a fixed amount or a minimum in
    /// another currency never applies (no conversion), and the cart must reach the minimum.
    /// </summary>
    public bool AcceptsSubtotal(Money subtotal)
    {
        if (Kind == PromotionKind.Fixed && AmountOffCurrency != subtotal.Currency) return false;
        if (MinSubtotal is { } min) return min.Currency == subtotal.Currency && subtotal >= min;
        return true;
    }
}

/// <summary>What staff set when creating a promotion, already validated and normalised.</summary>
public sealed record PromotionTerms(
    string Code, PromotionKind Kind, int? PercentOffBasisPoints, Money? AmountOff, Money? MinSubtotal, int? UsageLimit, int? PerMemberLimit,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool Automatic, IReadOnlyList<string> Brands, IReadOnlyList<string> Categories,
    IReadOnlyList<string> Tiers);
