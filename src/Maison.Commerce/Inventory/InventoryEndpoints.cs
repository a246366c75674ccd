using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Inventory;

public static class InventoryEndpoints
{
    public static void MapInventory(this MaisonRoutes routes)
    {
        var admin = routes.Admin.WithTags("Inventory");
        admin.MapPost("/locations", CreateLocation).RequireAuthorization(Permissions.InventoryWrite).WithName("CreateLocation")
            .WithSummary("Add a stock location and the markets (countries) it serves.");
        admin.MapGet("/locations", ListLocations).RequireAuthorization(Permissions.InventoryRead).WithName("ListLocations");
        admin.MapPut("/inventory/{sku}/levels/{locationCode}", SetLevel).RequireAuthorization(Permissions.InventoryWrite).WithName("SetStockLevel")
            .WithSummary("Record a count of a SKU at a location (on-hand, optionally safety stock); writes a ledger movement.");
        admin.MapGet("/inventory/{sku}", GetInventory).RequireAuthorization(Permissions.InventoryRead).WithName("GetInventory");
        admin.MapGet("/inventory/{sku}/movements", ListMovements).RequireAuthorization(Permissions.InventoryRead).WithName("ListStockMovements")
            .WithSummary("The stock ledger of a SKU, oldest first.");

        var reservations = admin.MapGroup("/reservations").RequireAuthorization(Permissions.InventoryWrite);
        reservations.MapPost("", Reserve).WithName("CreateReservation")
            .WithSummary("Hold every line or none; 409 out_of_stock lists the SKUs that fell short.");
        reservations.MapGet("/{id:guid}", GetReservation).WithName("GetReservation");
        reservations.MapPost("/{id:guid}/commit", Commit).WithName("CommitReservation").WithSummary("The order is confirmed: the held units become a sale.");
        reservations.MapPost("/{id:guid}/release", Release).WithName("ReleaseReservation").WithSummary("Give the held units back.");

        routes.Partner.MapPut("/stock", PartnerStock.ApplyAsync).WithTags("Partners").WithName("PartnerStock")
            .WithSummary("A partner's stock counts; stale asOf values are ignored and counted, other brands' SKUs rejected.");
    }

    private static async Task<Created<LocationResponse>> CreateLocation(CreateLocationRequest request, TenantContext tenant, CommerceDb db,
        TimeProvider time, CancellationToken ct)
    {
        if (request.Serves?.Any(c => c is not { Length: 2 } || !c.All(char.IsAsciiLetter)) == true)
        {
            throw DomainException.Validation("serves", "serves lists ISO 3166-1 alpha-2 country codes.");
        }
        if (await db.Set<Location>().AnyAsync(l => l.Code == request.Code, ct)) throw CodeTaken(request.Code);
        var location = new Location(tenant.Required, request.Code, request.Name.Trim(), request.Country, request.Serves, time.GetUtcNow());
        db.Set<Location>().Add(location);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw CodeTaken(request.Code);
        }
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/locations/{location.Code}", LocationResponse.From(location));
    }

    private static async Task<Ok<Page<LocationResponse>>> ListLocations(int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Location>().AsNoTracking();
        if (from is not null) query = query.Where(l => string.Compare(l.Code, from) > 0);
        var rows = await query.OrderBy(l => l.Code).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, l => l.Code, LocationResponse.From));
    }

    private static async Task<Ok<InventoryResponse>> SetLevel(string sku, string locationCode, SetLevelRequest request, HttpContext http,
        CommerceDb db, StockCounts counts, CancellationToken ct)
    {
        CheckSku(sku);
        var location = await db.Set<Location>().AsNoTracking().SingleOrDefaultAsync(l => l.Code == locationCode, ct)
            ?? throw DomainException.NotFound("Location");
        var kind = request.Kind switch
        {
            ManualMovementKind.Receipt => MovementKind.Receipt,
            ManualMovementKind.Return => MovementKind.Return,
            _ => MovementKind.Adjustment,
        };
        await counts.ApplyAsync(new StockCount(sku, location, request.OnHand!.Value, request.SafetyStock, null, kind,
            Actor(http.Caller()), request.Reason), ct);
        return TypedResults.Ok(await InventoryQueries.LevelsAsync(db, sku, ct));
    }

    private static async Task<Ok<InventoryResponse>> GetInventory(string sku, CommerceDb db, CancellationToken ct) =>
        TypedResults.Ok(await InventoryQueries.LevelsAsync(db, sku, ct));

    private static async Task<Ok<Page<MovementResponse>>> ListMovements(string sku, int? limit, string? after, CommerceDb db, CancellationToken ct) =>
        TypedResults.Ok(await InventoryQueries.MovementsAsync(db, sku, Cursor.Limit(limit), Cursor.Decode(after), ct));

    private static async Task<Results<Created<ReservationResponse>, Conflict>> Reserve(CreateReservationRequest request, TenantContext tenant,
        ReservationService reservations, CancellationToken ct)
    {
        var lines = request.Lines.Select(l => new ReserveLine(l.Sku, l.Quantity!.Value)).ToList();
        var ttl = request.TtlSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var result = await reservations.ReserveStandaloneAsync(lines, ttl, request.Reference, request.Country, ct);
        if (result.Reservation is not { } held) throw OutOfStock(result.ShortSkus);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/reservations/{held.Id}", ReservationResponse.From(held));
    }

    private static async Task<Ok<ReservationResponse>> GetReservation(Guid id, IReservations reservations, CancellationToken ct) =>
        TypedResults.Ok(ReservationResponse.From(await reservations.FindAsync(id, ct) ?? throw DomainException.NotFound("Reservation")));

    private static async Task<Ok<ReservationResponse>> Commit(Guid id, IReservations reservations, CancellationToken ct) =>
        TypedResults.Ok(ReservationResponse.From(await reservations.CommitAsync(id, ct)));

    private static async Task<Ok<ReservationResponse>> Release(Guid id, HttpContext http, IReservations reservations, CancellationToken ct) =>
        TypedResults.Ok(ReservationResponse.From(await reservations.ReleaseAsync(id, $"released by {Actor(http.Caller())}", ct)));

    internal static DomainException OutOfStock(IReadOnlyList<string> skus) =>
        new(InventoryProblemCodes.OutOfStock, $"Not enough stock for: {string.Join(", ", skus)}.", 409,
            new Dictionary<string, object?> { ["skus"] = skus });

    /// <summary>Who, for the ledger: <c>staff:{account}</c>, <c>operator:{account}</c>, <c>partner:{partner}</c>.</summary>
    internal static string Actor(Caller caller) =>
        $"{caller.Kind.ToString().ToLowerInvariant()}:{(caller.Kind == CallerKind.Partner ? caller.PartnerId : caller.AccountId)}";

    internal static void CheckSku(string sku)
    {
        if (sku.Length is 0 or > 64 || sku.Any(char.IsWhiteSpace)) throw DomainException.Validation("sku", "A SKU is 1 to 64 characters without spaces.");
    }

    private static DomainException CodeTaken(string code) => DomainException.Conflict(ProblemCodes.CodeTaken, $"The location code '{code}' is taken.");
}
