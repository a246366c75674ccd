using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Membership.Contracts;

/// <summary>Policy names Membership registers for other modules' endpoints.</summary>
public static class MembershipPolicies
{
    /// <summary>A member whose membership is active, or past due within grace: <c>.RequireAuthorization(MembershipPolicies.ActiveMember)</c>.</summary>
    public const string ActiveMember = "active-member";
}

[EventType("membership.applied")]
public sealed record MembershipApplied(Guid MemberId, Guid AccountId) : IntegrationEvent;

[EventType("membership.approved")]
public sealed record MembershipApproved(Guid MemberId, Guid AccountId, string? InvitationCode) : IntegrationEvent;

[EventType("membership.rejected")]
public sealed record MembershipRejected(Guid MemberId, Guid AccountId) : IntegrationEvent;

[EventType("membership.activated")]
public sealed record MembershipActivated(Guid MemberId, Guid AccountId, string Plan, string Tier, DateTimeOffset ExpiresAt) : IntegrationEvent;

[EventType("membership.renewed")]
public sealed record MembershipRenewed(Guid MemberId, Guid AccountId, string Plan, DateTimeOffset ExpiresAt) : IntegrationEvent;

[EventType("membership.past_due")]
public sealed record MembershipPastDue(Guid MemberId, Guid AccountId, DateTimeOffset GraceEndsAt) : IntegrationEvent;

[EventType("membership.expired")]
public sealed record MembershipExpired(Guid MemberId, Guid AccountId) : IntegrationEvent;

[EventType("membership.cancelled")]
public sealed record MembershipCancelled(Guid MemberId, Guid AccountId) : IntegrationEvent;
