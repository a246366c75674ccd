using Maison.Commerce.Platform;

namespace Maison.Commerce.Inventory;

/// <summary>Why on-hand changed. Wire names are the lower-case words of DOMAIN.md.</summary>
public enum MovementKind
{
    Receipt,
    Adjustment,
    Sale,
    Return,
    Sync,
}

/// <summary>
/// One row of the stock ledger: every change of a level's on-hand, signed, with who caused it and why.
/// Invariant: a level's <c>OnHand</c> equals the sum of its movements' <see cref="Quantity"/>.
/// </summary>
public sealed class StockMovement : ITenantOwned
{
    private StockMovement() { }

    public StockMovement(Guid tenantId, Guid levelId, string sku, Guid locationId, MovementKind kind, int quantity,
        string source, string? reason, Guid? reservationId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        LevelId = levelId;
        Sku = sku;
        LocationId = locationId;
        Kind = kind;
        Quantity = quantity;
        Source = source;
        Reason = reason;
        ReservationId = reservationId;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid LevelId { get; private set; }

    public string Sku { get; private set; } = "";

    public Guid LocationId { get; private set; }

    public MovementKind Kind { get; private set; }

    /// <summary>Signed change of on-hand.</summary>
    public int Quantity { get; private set; }

    /// <summary>Who: <c>staff:{id}</c>, <c>partner:{code}</c>, <c>reservation:{id}</c>.</summary>
    public string Source { get; private set; } = "";

    public string? Reason { get; private set; }

    public Guid? ReservationId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
