using Maison.Commerce.Membership.Contracts;

namespace Maison.Commerce.Catalog;

/// <summary>
/// The answer while no membership module is composed: everyone is a guest, so nobody sees prices. Registered with
/// TryAdd; the membership module's own registration (AddScoped) wins whichever module registers first.
/// </summary>
internal sealed class GuestMembershipCheck : IMembershipCheck
{
    public ValueTask<MemberStanding> StandingAsync(Guid accountId, CancellationToken ct) => ValueTask.FromResult(MemberStanding.Guest);
}
