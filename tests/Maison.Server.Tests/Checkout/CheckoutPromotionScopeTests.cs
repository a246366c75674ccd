using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Checkout;

/// <summary>A code scoped to categories discounts only the lines of products in those categories, in the cart and the order.</summary>
public sealed class CheckoutPromotionScopeTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private ShopApi Shop => fixture.Shop;

    [Fact]
    public async Task A_code_for_bags_discounts_the_bag_and_not_the_shoes_through_to_the_order()
    {
        var tenant = await Shop.OpenShopAsync();
        await Shop.ProductAsync(tenant, "SCOPE-BAG", "bags", 5, ("GBP", 100_000));
        await Shop.ProductAsync(tenant, "SCOPE-SHOE", "shoes", 5, ("GBP", 50_000));
        using (var owner = fixture.Api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/promotions",
                new { code = "BAGS20", kind = "percentage", percentOff = 20, categories = new[] { "bags" } }), HttpStatusCode.Created);
            await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/promotions",
                new { code = "SCARVES10", kind = "percentage", percentOff = 10, categories = new[] { "scarves" } }), HttpStatusCode.Created);
        }
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "SCOPE-BAG", 1), HttpStatusCode.OK);
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "SCOPE-SHOE", 1), HttpStatusCode.OK);

        // Nothing in the cart is a scarf: the code is refused, and the cart keeps no code.
        await Expect.Problem(await member.PostAsJsonAsync($"/api/v1/{tenant.Slug}/me/cart/promotion", new { code = "SCARVES10" }),
            HttpStatusCode.UnprocessableEntity, "promotion_not_applicable");
        var cart = await Expect.Status(await member.PostAsJsonAsync($"/api/v1/{tenant.Slug}/me/cart/promotion", new { code = "BAGS20" }),
            HttpStatusCode.OK);

        Assert.Equal(20_000, cart["totals"]!["discount"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal(150_000 - 20_000, cart["totals"]!["total"]!["amountMinor"]!.GetValue<long>());
        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "scope-" + Guid.NewGuid()), HttpStatusCode.Created);
        Assert.Equal(20_000, order["totals"]!["discount"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal(130_000, order["totals"]!["total"]!["amountMinor"]!.GetValue<long>());
    }
}
