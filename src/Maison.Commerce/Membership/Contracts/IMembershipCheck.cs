using System.Text.Json.Serialization;

namespace Maison.Commerce.Membership.Contracts;

/// <summary>Membership statuses of DOMAIN.md.</summary>
public enum MembershipStatus
{
    None,
    Applicant,
    Approved,
    Active,
    [JsonStringEnumMemberName("past_due")]
    PastDue,
    Expired,
    Cancelled,
    Rejected,
}

/// <summary>What other modules may know of a member: enough to show prices, open drops and allow checkout.</summary>
/// <param name="MemberId">The member's id (not the login's).</param>
/// <param name="Tier">The plan's tier code (e.g. <c>gold</c>), or null without an active plan.</param>
/// <param name="TierRank">Higher ranks see drops earlier; 0 without a tier.</param>
/// <param name="IsPrivileged">Active, or past due within grace: may see prices, hold a cart and check out.</param>
public sealed record MemberStanding(Guid MemberId, MembershipStatus Status, string? Tier, int TierRank, bool IsPrivileged)
{
    public static readonly MemberStanding Guest = new(Guid.Empty, MembershipStatus.None, null, 0, false);
}

/// <summary>Answers "may this caller see prices / check out?" for the current tenant; cheap, called on hot paths.</summary>
public interface IMembershipCheck
{
    /// <summary>The standing of the member behind a login (account id); <see cref="MemberStanding.Guest"/> if none.</summary>
    ValueTask<MemberStanding> StandingAsync(Guid accountId, CancellationToken ct);
}
