using Maison.Commerce.Platform;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Units of one SKU at one location. <c>available = OnHand − Reserved − SafetyStock</c>; every change happens in the
/// database as a conditional update (see <see cref="StockCounts"/> and <see cref="ReservationService"/>), never as a
/// read-modify-write of this object. Keyed by the SKU string: stock may arrive before the catalogue knows the product.
/// </summary>
public sealed class StockLevel : ITenantOwned
{
    private StockLevel() { }

    public StockLevel(Guid tenantId, string sku, Guid locationId)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Sku = sku;
        LocationId = locationId;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Sku { get; private set; } = "";

    public Guid LocationId { get; private set; }

    public int OnHand { get; private set; }

    public int Reserved { get; private set; }

    public int SafetyStock { get; private set; }

    /// <summary>The <c>asOf</c> of the last count applied (partner or staff); older counts are ignored as stale.</summary>
    public DateTimeOffset? CountedAsOf { get; private set; }

    /// <summary>Set when a count left fewer units than live reservations hold; cleared by a count that covers them.</summary>
    public bool OversoldRisk { get; private set; }

    public int Available => OnHand - Reserved - SafetyStock;
}
