using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Promotions.Shipping;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Promotions;

public static class PromotionsEndpoints
{
    public static void MapPromotions(this MaisonRoutes routes)
    {
        var promotions = routes.Admin.MapGroup("/promotions").WithTags("Promotions").RequireAuthorization(Permissions.PromotionsWrite);
        promotions.MapPost("", Create).WithName("CreatePromotion")
            .WithSummary("A code members enter, or (automatic: true) a promotion that applies by itself by brand, category or tier.")
            .WithDescription("One code per cart plus every qualifying automatic promotion. Percentages apply first, each on the original " +
                "subtotal of the lines it covers; fixed amounts then come off what is left; nothing goes below zero. Line shares by largest remainder.");
        promotions.MapGet("", List).WithName("ListPromotions").WithSummary("Promotions by code.");
        promotions.MapGet("/{code}", Get).WithName("GetPromotion");

        var shipping = routes.Admin.MapGroup("/shipping-methods").WithTags("Shipping").RequireAuthorization(Permissions.PricingWrite);
        shipping.MapPost("", CreateShippingMethod).WithName("CreateShippingMethod")
            .WithSummary("A method with a flat rate per currency, free from a subtotal threshold (inclusive).");
        shipping.MapGet("", ListShippingMethods).WithName("ListShippingMethods")
            .WithSummary("The tenant's methods; while it has none, the implicit standard, free in each of its currencies.");
    }

    private static async Task<Created<PromotionResponse>> Create(CreatePromotionRequest request, PromotionAdministration admin, TenantContext tenant,
        CancellationToken ct)
    {
        var promotion = await admin.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/promotions/{promotion.Code}", PromotionResponse.From(promotion, 0));
    }

    private static async Task<Ok<Page<PromotionResponse>>> List(int? limit, string? after, CommerceDb db, PromotionAdministration admin,
        CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var query = db.Set<Promotion>().AsNoTracking();
        if (Cursor.Decode(after) is { } from) query = query.Where(p => string.Compare(p.Code, from) > 0);
        var rows = await query.OrderBy(p => p.Code).Take(take + 1).ToListAsync(ct);
        var uses = await admin.UsesAsync(rows.Select(p => p.Id).ToList(), ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, p => p.Code, p => PromotionResponse.From(p, uses.GetValueOrDefault(p.Id))));
    }

    private static async Task<Ok<PromotionResponse>> Get(string code, CommerceDb db, PromotionAdministration admin, CancellationToken ct)
    {
        var normalized = code.ToUpperInvariant();
        var promotion = await db.Set<Promotion>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == normalized, ct)
            ?? throw DomainException.NotFound("Promotion");
        var uses = await admin.UsesAsync([promotion.Id], ct);
        return TypedResults.Ok(PromotionResponse.From(promotion, uses.GetValueOrDefault(promotion.Id)));
    }

    private static async Task<Created<ShippingMethodResponse>> CreateShippingMethod(CreateShippingMethodRequest request, ShippingRates shipping,
        TenantContext tenant, CancellationToken ct)
    {
        var rates = request.Rates.Select(r => new ShippingRate(Currency.From(r.Currency.ToUpperInvariant()), r.AmountMinor, r.FreeOverMinor));
        var method = await shipping.CreateAsync(request.Code, request.Name.Trim(), rates, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/shipping-methods/{method.Code}", ShippingMethodResponse.From(method));
    }

    private static async Task<Ok<Page<ShippingMethodResponse>>> ListShippingMethods(ShippingRates shipping, CancellationToken ct) =>
        TypedResults.Ok(new Page<ShippingMethodResponse>((await shipping.ListAsync(ct)).Select(ShippingMethodResponse.From).ToList(), null));
}
