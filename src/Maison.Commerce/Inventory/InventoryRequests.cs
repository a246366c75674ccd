using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Inventory;

public sealed record CreateLocationRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "code must be lower-case letters, digits and hyphens.")] string Code,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "country must be an ISO 3166-1 alpha-2 code.")] string Country,
    [property: MaxLength(100)] IReadOnlyList<string>? Serves);

public sealed record LocationResponse(Guid Id, string Code, string Name, string Country, IReadOnlyList<string> Serves)
{
    internal static LocationResponse From(Location l) => new(l.Id, l.Code, l.Name, l.Country, l.ServedCountries);
}

/// <summary>Kinds staff may record by hand; sales and syncs come from reservations and partners.</summary>
public enum ManualMovementKind
{
    Receipt,
    Adjustment,
    Return,
}

public sealed record SetLevelRequest(
    [property: Required, Range(0, 100_000_000)] int? OnHand,
    [property: Range(0, 100_000_000)] int? SafetyStock,
    [property: MaxLength(500)] string? Reason,
    ManualMovementKind? Kind);

public sealed record LevelResponse(string Location, int OnHand, int Reserved, int Available, int SafetyStock, bool OversoldRisk, DateTimeOffset? CountedAsOf);

public sealed record InventoryResponse(string Sku, IReadOnlyList<LevelResponse> Levels);

public sealed record MovementResponse(Guid Id, string Location, string Kind, int Quantity, string Source, string? Reason, Guid? ReservationId, DateTimeOffset At);

public sealed record ReserveLineRequest(
    [property: Required, MinLength(1), MaxLength(64)] string Sku,
    [property: Required, Range(1, 100_000)] int? Quantity);

public sealed record CreateReservationRequest(
    [property: Required, MinLength(1), MaxLength(100)] IReadOnlyList<ReserveLineRequest> Lines,
    [property: Range(1, 172_800)] int? TtlSeconds,
    [property: MaxLength(200)] string? Reference,
    [property: RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "country must be an ISO 3166-1 alpha-2 code.")] string? Country);

public sealed record ReleaseReservationRequest([property: MaxLength(200)] string? Reason);

public sealed record ReservationResponse(Guid Id, string Status, string? Reference, DateTimeOffset ExpiresAt, IReadOnlyList<ReservedLine> Lines)
{
    internal static ReservationResponse From(ReservationInfo r) =>
        new(r.Id, r.Status.ToString().ToLowerInvariant(), r.Reference, r.ExpiresAt, r.Lines);
}

public sealed record PartnerStockItem(
    [property: Required, MinLength(1), MaxLength(64)] string Sku,
    [property: Required, MinLength(1), MaxLength(63)] string Location,
    [property: Required, Range(0, 100_000_000)] int? OnHand,
    [property: Required] DateTimeOffset? AsOf);

public sealed record PartnerStockRequest([property: Required, MinLength(1), MaxLength(1000)] IReadOnlyList<PartnerStockItem> Items);

/// <summary>An item not applied for a reason other than staleness (unknown SKU, another brand's SKU, unknown location).</summary>
public sealed record RejectedStockItem(string Sku, string Location, string Code, string Detail);

public sealed record PartnerStockResponse(int Applied, int IgnoredStale, IReadOnlyList<RejectedStockItem> Rejected);
