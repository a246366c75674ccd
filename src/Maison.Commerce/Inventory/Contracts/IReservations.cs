using Maison.Commerce.Platform;

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

    /// <summary>
    /// PostgreSQL, one line one location can fill: the reservation as the FIRST statement of the caller's
    /// <paramref name="batch"/>, which runs in the caller's transaction (Checkout's order, ADR 0018). If it holds nothing
    /// the batch throws 409 <c>out_of_stock</c> and the caller, after rolling back, takes <see cref="ReserveAsync"/>,
    /// which decides (splits across locations, or names what is short). Null where this shortcut does not apply.
    /// After the batch, <see cref="CompleteAsync"/> adds what the hold signals to the caller's unit of work.
    /// </summary>
    BatchedReservation? AddTo(SqlBatch batch, ReserveLine line, string? reference, string? country);

    /// <summary>After <see cref="AddTo"/>'s batch ran: publishes, in the caller's unit of work, what the hold signals (a sold-out level).</summary>
    Task CompleteAsync(BatchedReservation reservation, CancellationToken ct);

    Task<ReservationInfo> CommitAsync(Guid reservationId, CancellationToken ct);

    /// <summary>
    /// PostgreSQL: <see cref="CommitAsync"/> as statements of the caller's <paramref name="batch"/>, its stock messages
    /// written by them (Checkout's confirmation, ADR 0018). Unless the reservation is then committed (by this batch, or
    /// by a concurrent one first), the batch stops there and throws 409 <c>reservation_not_committed</c>: the caller
    /// takes <see cref="CommitAsync"/>, which says why. False where this shortcut does not apply.
    /// </summary>
    bool AddCommitTo(SqlBatch batch, Guid reservationId);

    Task<ReservationInfo> ReleaseAsync(Guid reservationId, string reason, CancellationToken ct);

    Task<ReservationInfo?> FindAsync(Guid reservationId, CancellationToken ct);
}

/// <summary>A reservation travelling in a caller's batch (<see cref="IReservations.AddTo"/>): its id is known before it runs.</summary>
public sealed class BatchedReservation(Guid id)
{
    public Guid Id { get; } = id;

    /// <summary>What the batch held; null until it ran.</summary>
    public ReservationInfo? Held { get; internal set; }

    internal Guid LevelId { get; set; }

    internal int Remaining { get; set; }
}

/// <summary>Problem codes of the Inventory module (API.md).</summary>
public static class InventoryProblemCodes
{
    /// <summary>409; extensions carry <c>skus</c>, the SKUs that could not be covered.</summary>
    public const string OutOfStock = "out_of_stock";

    public const string UnknownLocation = "unknown_location";

    /// <summary>409 from <see cref="IReservations.AddCommitTo"/>'s batch: the reservation was not held any more.</summary>
    public const string ReservationNotCommitted = "reservation_not_committed";
}
