namespace Maison.Commerce.Inventory.Contracts;

public enum ReservationStatus
{
    Held,
    Committed,
    Released,
}

/// <summary>One line to reserve: units of a SKU.</summary>
public sealed record ReserveLine(string Sku, int Quantity);

/// <summary>Units of a SKU held at a location.</summary>
public sealed record ReservedLine(string Sku, string Location, int Quantity);

/// <summary>A reservation as other modules see it.</summary>
public sealed record ReservationInfo(Guid Id, ReservationStatus Status, string? Reference, DateTimeOffset ExpiresAt,
    IReadOnlyList<ReservedLine> Lines);

/// <summary>Either a held reservation or the SKUs that could not be covered (nothing was reserved then).</summary>
public sealed record ReserveResult(ReservationInfo? Reservation, IReadOnlyList<string> ShortSkus)
{
    public bool Succeeded => Reservation is not null;
}

/// <summary>
/// Stock reservations of the current tenant (Checkout's saga calls these). Reserve is all-or-nothing; Commit turns the
/// units into a sale (order confirmed); Release gives them back (payment failed, cancelled). Illegal moves are 409
/// <c>invalid_transition</c>; an unknown id is 404.
/// </summary>
public interface IReservations
{
    /// <summary>Holds every line or none; <paramref name="country"/> limits it to locations serving that market.</summary>
    Task<ReserveResult> ReserveAsync(IReadOnlyList<ReserveLine> lines, TimeSpan? ttl, string? reference, string? country, CancellationToken ct);

    Task<ReservationInfo> CommitAsync(Guid reservationId, CancellationToken ct);

    Task<ReservationInfo> ReleaseAsync(Guid reservationId, string reason, CancellationToken ct);

    Task<ReservationInfo?> FindAsync(Guid reservationId, CancellationToken ct);
}

/// <summary>Problem codes of the Inventory module (API.md).</summary>
public static class InventoryProblemCodes
{
    /// <summary>409; extensions carry <c>skus</c>, the SKUs that could not be covered.</summary>
    public const string OutOfStock = "out_of_stock";

    public const string UnknownLocation = "unknown_location";
}
