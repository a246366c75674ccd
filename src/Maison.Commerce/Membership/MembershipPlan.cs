using Maison.Commerce.Platform;

namespace Maison.Commerce.Membership;

public enum PlanInterval
{
    Year,
    Month,
}

/// <summary>What a membership costs and which tier it grants; higher tier ranks see drops earlier.</summary>
public sealed class MembershipPlan : ITenantOwned
{
    private MembershipPlan() { }

    public MembershipPlan(Guid tenantId, string code, string name, string tier, int tierRank, Money fee, PlanInterval interval)
    {
        if (fee.AmountMinor <= 0) throw DomainException.Validation("fee", "fee must be positive.");
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Code = code;
        Name = name;
        Tier = tier;
        TierRank = tierRank;
        FeeMinor = fee.AmountMinor;
        Currency = fee.Currency;
        Interval = interval;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Tier { get; private set; } = "";

    public int TierRank { get; private set; }

    public long FeeMinor { get; private set; }

    public Currency Currency { get; private set; } = Currency.GBP;

    public PlanInterval Interval { get; private set; }

    public Money Fee => new(FeeMinor, Currency);

    /// <summary>The end of a period that starts at <paramref name="start"/>.</summary>
    public DateTimeOffset PeriodEnd(DateTimeOffset start) => Interval == PlanInterval.Year ? start.AddYears(1) : start.AddMonths(1);
}

/// <summary>An invitation code: each use approves one registration, at most <see cref="MaxUses"/> times.</summary>
public sealed class Invitation : ITenantOwned
{
    private Invitation() { }

    public Invitation(Guid tenantId, string code, int maxUses, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Code = code;
        MaxUses = maxUses;
        ExpiresAt = expiresAt;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Code { get; private set; } = "";

    public int MaxUses { get; private set; }

    /// <summary>Counted only by one conditional update (<c>uses &lt; max_uses</c>), never read-then-written.</summary>
    public int Uses { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
