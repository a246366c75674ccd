using Microsoft.Extensions.DependencyInjection;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maison.Commerce.Checkout;

public static class CheckoutEndpoints
{
    public const string MembershipRequired = "membership_required";
    private const string StandingItem = "checkout.standing";

    public static void MapCheckout(this MaisonRoutes routes)
    {
        // Only privileged members hold carts and check out; the answer is API.md's 403 membership_required.
        var me = routes.Member.MapGroup("").WithTags("Checkout").AddEndpointFilter(RequirePrivilegedMember);
        me.MapGet("/cart", GetCart).WithName("GetCart").WithSummary("The cart re-priced now, with live availability and totals.");
        me.MapPut("/cart", SetCart).WithName("SetCart").WithSummary("The cart's currency (and market).");
        me.MapPost("/cart/items", AddItem).WithName("AddCartItem");
        me.MapDelete("/cart/items/{sku}", RemoveItem).WithName("RemoveCartItem");
        me.MapPost("/cart/promotion", ApplyPromotion).WithName("ApplyCartPromotion");
        me.MapPost("/checkout", PlaceOrder).WithName("Checkout")
            .WithSummary("Place the order: reserve, create, authorize. Send an Idempotency-Key; retry with the same one after a 503.");
    }

    private static async ValueTask<object?> RequirePrivilegedMember(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var standing = await http.RequestServices.GetRequiredService<IMembershipCheck>().StandingAsync(http.Caller().AccountId, http.RequestAborted);
        if (!standing.IsPrivileged)
        {
            throw new DomainException(MembershipRequired, "Only active members hold a cart and check out.", 403);
        }
        http.Items[StandingItem] = standing;
        return await next(context);
    }

    private static MemberStanding Standing(HttpContext http) => (MemberStanding)http.Items[StandingItem]!;

    private static async Task<Ok<CartView>> GetCart(HttpContext http, CartService carts, CartPricer pricer, CancellationToken ct)
    {
        var cart = await carts.GetOrCreateAsync(http.Caller().AccountId, ct);
        var priced = await pricer.PriceAsync(cart, Standing(http), null, CartPricer.StandardShipping, strict: false, ct);
        await carts.MarkSeenAsync(cart, priced, ct);
        return TypedResults.Ok(CartView.From(cart, priced));
    }

    private static async Task<Ok<CartView>> SetCart(SetCartRequest request, HttpContext http, CartService carts, CartPricer pricer, CancellationToken ct) =>
        await ViewAsync(http, await carts.SetCurrencyAsync(http.Caller().AccountId, request.Currency, request.Country, ct), pricer, ct);

    private static async Task<Ok<CartView>> AddItem(AddCartItemRequest request, HttpContext http, CartService carts, CartPricer pricer, CancellationToken ct) =>
        await ViewAsync(http, await carts.AddAsync(http.Caller().AccountId, request.Sku, request.Quantity, ct), pricer, ct);

    private static async Task<Ok<CartView>> RemoveItem(string sku, HttpContext http, CartService carts, CartPricer pricer, CancellationToken ct) =>
        await ViewAsync(http, await carts.RemoveAsync(http.Caller().AccountId, sku, ct), pricer, ct);

    private static async Task<Ok<CartView>> ApplyPromotion(ApplyPromotionRequest request, HttpContext http, CartService carts, CartPricer pricer,
        CancellationToken ct)
    {
        var accountId = http.Caller().AccountId;
        var previous = (await carts.GetOrCreateAsync(accountId, ct)).PromotionCode;
        var cart = await carts.SetPromotionAsync(accountId, request.Code.Trim(), ct);
        try
        {
            // Strict: a code that does not apply is refused now (422), and the cart keeps the code it had.
            return TypedResults.Ok(CartView.From(cart, await pricer.PriceAsync(cart, Standing(http), null, CartPricer.StandardShipping, strict: true, ct)));
        }
        catch (DomainException)
        {
            await carts.SetPromotionAsync(accountId, previous, CancellationToken.None);
            throw;
        }
    }

    private static async Task<Created<OrderView>> PlaceOrder(CheckoutRequest request, HttpContext http, CheckoutSaga saga, TenantContext tenant,
        CancellationToken ct)
    {
        // Without an Idempotency-Key every request is its own attempt; with one, a retry resumes the same order.
        var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } given ? given : "anon:" + Guid.NewGuid();
        var order = await saga.PlaceAsync(http.Caller().AccountId, Standing(http),
            new CheckoutInput(request.ShippingAddress.ToAddress(), request.ShippingMethod, request.PaymentMethod.Token), key, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/me/orders/{order.Id}", order);
    }

    private static async Task<Ok<CartView>> ViewAsync(HttpContext http, Cart cart, CartPricer pricer, CancellationToken ct) =>
        TypedResults.Ok(CartView.From(cart, await pricer.PriceAsync(cart, Standing(http), null, CartPricer.StandardShipping, strict: false, ct)));
}
