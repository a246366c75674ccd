using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Platform;
using Stateless;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Units promised to a checkout, all lines or none. <c>held</c> until its TTL, <c>committed</c> when the order is
/// confirmed (the units become a sale: on-hand and reserved drop together), <c>released</c> when it expires, payment
/// fails or it is cancelled. A committed reservation never expires.
/// </summary>
public sealed class Reservation : ITenantOwned
{
    private readonly List<ReservationLine> _lines = [];

    private Reservation() { }

    public Reservation(Guid tenantId, string? reference, DateTimeOffset now, TimeSpan ttl, IEnumerable<Allocation> allocations)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Reference = reference;
        Status = ReservationStatus.Held;
        CreatedAt = now;
        ExpiresAt = now + ttl;
        _lines.AddRange(allocations.Select(a => new ReservationLine(tenantId, Id, a.Sku, a.LevelId, a.LocationId, a.LocationCode, a.Quantity)));
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string? Reference { get; private set; }

    public ReservationStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ReleaseReason { get; private set; }

    public IReadOnlyList<ReservationLine> Lines => _lines;

    /// <summary>
    /// The status a trigger leads to, or 409 <c>invalid_transition</c>. The database then moves the row with a conditional
    /// update from <paramref name="from"/>, so two racing callers cannot both win.
    /// </summary>
    public static ReservationStatus Next(ReservationStatus from, ReservationTrigger trigger)
    {
        var state = from;
        var machine = new StateMachine<ReservationStatus, ReservationTrigger>(() => state, s => state = s);
        machine.Configure(ReservationStatus.Held)
            .Permit(ReservationTrigger.Commit, ReservationStatus.Committed)
            .Permit(ReservationTrigger.Release, ReservationStatus.Released)
            .Permit(ReservationTrigger.Expire, ReservationStatus.Released);
        machine.OnUnhandledTrigger((s, t) => throw DomainException.Conflict(ProblemCodes.InvalidTransition,
            $"A {s.ToString().ToLowerInvariant()} reservation cannot be {Verb(t)}."));
        machine.Fire(trigger);
        return state;
    }

    private static string Verb(ReservationTrigger t) => t switch
    {
        ReservationTrigger.Commit => "committed",
        ReservationTrigger.Release => "released",
        _ => "expired",
    };
}

public enum ReservationTrigger
{
    Commit,
    Release,
    Expire,
}

/// <summary>Units of one SKU taken from one location's level.</summary>
public sealed class ReservationLine : ITenantOwned
{
    private ReservationLine() { }

    internal ReservationLine(Guid tenantId, Guid reservationId, string sku, Guid levelId, Guid locationId, string locationCode, int quantity)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ReservationId = reservationId;
        Sku = sku;
        LevelId = levelId;
        LocationId = locationId;
        LocationCode = locationCode;
        Quantity = quantity;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ReservationId { get; private set; }

    public string Sku { get; private set; } = "";

    public Guid LevelId { get; private set; }

    public Guid LocationId { get; private set; }

    public string LocationCode { get; private set; } = "";

    public int Quantity { get; private set; }
}
