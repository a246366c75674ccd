using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions;

/// <summary>
/// How many times one member has used one promotion: a row per (promotion, member), created and counted by one
/// upsert whose update is conditional on <c>uses &lt; per_member_limit</c>.
/// </summary>
public sealed class PromotionMemberUse : ITenantOwned
{
    private PromotionMemberUse() { }

    public Guid PromotionId { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid TenantId { get; private set; }

    public int Uses { get; private set; }
}
