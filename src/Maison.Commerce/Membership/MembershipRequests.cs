using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Membership;

/// <summary>Money on the wire (API.md): integer minor units of an ISO currency.</summary>
public sealed record MoneyBody(
    [property: Required, StringLength(3, MinimumLength = 3)] string Currency,
    [property: Range(0, long.MaxValue)] long AmountMinor)
{
    public Money ToMoney() => Money.Of(AmountMinor, Currency.ToUpperInvariant());

    public static MoneyBody From(Money money) => new(money.Currency.Code, money.AmountMinor);
}

public sealed record RegisterMemberRequest(
    [property: Required, EmailAddress, MaxLength(254)] string Email,
    [property: Required, MinLength(10), MaxLength(200)] string Password,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: MaxLength(63)] string? InvitationCode);

public sealed record RegisteredMemberResponse(Guid Id, RegisteredMembership Membership);

public sealed record RegisteredMembership(MembershipStatus Status, int? WaitlistPosition);

public sealed record CreatePlanRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "code must be lower-case letters, digits and hyphens."), MaxLength(63)] string Code,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "tier must be lower-case letters, digits and hyphens."), MaxLength(63)] string Tier,
    [property: Required] MoneyBody Fee,
    [property: Required] PlanInterval? Interval,
    [property: Range(0, 1000)] int? TierRank);

public sealed record PlanResponse(Guid Id, string Code, string Name, string Tier, int TierRank, MoneyBody Fee, PlanInterval Interval)
{
    internal static PlanResponse From(MembershipPlan p) => new(p.Id, p.Code, p.Name, p.Tier, p.TierRank, MoneyBody.From(p.Fee), p.Interval);
}

public sealed record CreateInvitationRequest(
    [property: Required, MinLength(3), MaxLength(63)] string Code,
    [property: Range(1, 1_000_000)] int MaxUses,
    DateTimeOffset? ExpiresAt);

public sealed record InvitationResponse(Guid Id, string Code, int MaxUses, int Uses, DateTimeOffset? ExpiresAt)
{
    internal static InvitationResponse From(Invitation i) => new(i.Id, i.Code, i.MaxUses, i.Uses, i.ExpiresAt);
}

public sealed record PaymentMethodBody([property: Required, MinLength(1), MaxLength(200)] string Token);

public sealed record JoinRequest(
    [property: Required, MaxLength(63)] string Plan,
    [property: Required] PaymentMethodBody PaymentMethod);

/// <summary>A member's own view of their membership (GET/POST <c>/me/membership</c>).</summary>
public sealed record MembershipResponse(
    Guid Id, MembershipStatus Status, string? Plan, string? Tier, DateTimeOffset? ExpiresAt, DateTimeOffset? GraceEndsAt, int? WaitlistPosition)
{
    internal static MembershipResponse From(Member m, int? position = null) =>
        new(m.Id, m.Status, m.Plan, m.Tier, m.ExpiresAt, m.GraceEndsAt, position);
}

/// <summary>What staff see of a member.</summary>
public sealed record MemberResponse(Guid Id, string Email, string Name, MembershipStatus Status, DateTimeOffset AppliedAt, string? Plan, string? Tier,
    DateTimeOffset? ExpiresAt, string? InvitationCode)
{
    internal static MemberResponse From(Member m) => new(m.Id, m.Email, m.Name, m.Status, m.AppliedAt, m.Plan, m.Tier, m.ExpiresAt, m.InvitationCode);
}
