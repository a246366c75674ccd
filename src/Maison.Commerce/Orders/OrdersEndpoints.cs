using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Orders;

/// <summary>The read side: a member's own orders, and every order for staff with <c>orders:read</c>.</summary>
public static class OrdersEndpoints
{
    public static void MapOrders(this MaisonRoutes routes)
    {
        var me = routes.Member.MapGroup("/orders").WithTags("Orders");
        me.MapGet("", ListMine).WithName("ListMyOrders").WithSummary("The member's orders, newest first.");
        me.MapGet("/{id:guid}", GetMine).WithName("GetMyOrder");

        var admin = routes.Admin.MapGroup("/orders").WithTags("Orders").RequireAuthorization(Permissions.OrdersRead);
        admin.MapGet("", List).WithName("ListOrders").WithSummary("Orders newest first; ?status=pending_payment|confirmed|payment_failed|…");
        admin.MapGet("/{id:guid}", Get).WithName("GetOrder");
    }

    private static async Task<Ok<Page<OrderView>>> ListMine(int? limit, string? after, HttpContext http, CommerceDb db, CancellationToken ct)
    {
        var accountId = http.Caller().AccountId;
        return TypedResults.Ok(await PageAsync(db.Set<Order>().Where(o => o.AccountId == accountId), limit, after, ct));
    }

    private static async Task<Ok<OrderView>> GetMine(Guid id, HttpContext http, CommerceDb db, CancellationToken ct)
    {
        var accountId = http.Caller().AccountId;
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id && o.AccountId == accountId, ct)
            ?? throw DomainException.NotFound("Order");
        return TypedResults.Ok(order.ToView());
    }

    private static async Task<Ok<Page<OrderView>>> List(string? status, int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var query = db.Set<Order>().AsQueryable();
        if (!string.IsNullOrEmpty(status))
        {
            var wanted = ParseStatus(status);
            query = query.Where(o => o.Status == wanted);
        }
        return TypedResults.Ok(await PageAsync(query, limit, after, ct));
    }

    private static async Task<Ok<OrderView>> Get(Guid id, CommerceDb db, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct)
            ?? throw DomainException.NotFound("Order");
        return TypedResults.Ok(order.ToView());
    }

    private static async Task<Page<OrderView>> PageAsync(IQueryable<Order> query, int? limit, string? after, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        if (from is not null) query = query.Where(o => string.Compare(o.Number, from) < 0);
        var rows = await query.AsNoTracking().Include(o => o.Lines).OrderByDescending(o => o.Number).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows, take, o => o.Number, o => o.ToView());
    }

    private static OrderStatus ParseStatus(string status) =>
        Enum.GetValues<OrderStatus>().FirstOrDefault(s => Wire(s) == status, (OrderStatus)(-1)) is var parsed && parsed != (OrderStatus)(-1)
            ? parsed
            : throw DomainException.Validation("status", $"Unknown status '{status}'.");

    private static string Wire(OrderStatus s) => string.Concat(s.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
