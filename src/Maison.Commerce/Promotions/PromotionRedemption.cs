using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions;

/// <summary>
/// One counted use of a promotion by an order; unique per (promotion, order) so an order is counted once, and
/// released at most once (a conditional update on <see cref="ReleasedAt"/>), so uses are given back exactly once.
/// </summary>
public sealed class PromotionRedemption : ITenantOwned
{
    private PromotionRedemption() { }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid PromotionId { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid MemberId { get; private set; }

    public DateTimeOffset RedeemedAt { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }
}
