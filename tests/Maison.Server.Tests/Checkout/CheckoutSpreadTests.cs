using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Checkout;

/// <summary>
/// The flash sale's spread round in small: many members checking out different SKUs at once (real parallel requests),
/// and staff changes to the reference data checkout keeps in memory reaching the very next checkout.
/// </summary>
public sealed class CheckoutSpreadTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private ShopApi Shop => fixture.Shop;

    [Fact]
    public async Task Members_checking_out_different_skus_at_once_each_get_one_confirmed_order_with_one_authorization()
    {
        const int buyers = 24;
        const long price = 77_123;
        var tenant = await Shop.OpenShopAsync();
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var members = new List<(HttpClient Member, string Sku)>();
        for (var i = 0; i < buyers; i++)
        {
            var sku = $"SPREAD-{run}-{i}";
            await Shop.ProductAsync(tenant, sku, 3, ("GBP", price));
            var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
            await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, 1), HttpStatusCode.OK);
            members.Add((member, sku));
        }

        using var start = new SemaphoreSlim(0);
        var tasks = members.Select(async m =>
        {
            await start.WaitAsync();
            return await ShopApi.CheckoutAsync(m.Member, tenant, "tok_visa", "spread-" + Guid.NewGuid());
        }).ToList();
        start.Release(buyers);
        var responses = await Task.WhenAll(tasks);

        var orders = new List<string>();
        foreach (var response in responses)
        {
            var order = await Expect.Status(response, HttpStatusCode.Created);
            Assert.Equal("confirmed", order["status"]!.GetValue<string>());
            orders.Add(order["id"]!.GetValue<string>());
        }
        Assert.Equal(buyers, orders.Distinct().Count());
        var authorizations = fixture.Sandbox.Ledger.Authorizations.Values.Where(a => a.Amount == price).ToList();
        Assert.Equal(buyers, authorizations.Count);
        Assert.Equal(buyers, authorizations.Select(a => a.IdempotencyKey).Distinct().Count());
        foreach (var (member, sku) in members)
        {
            var level = await Shop.LevelAsync(tenant, sku);
            Assert.Equal((2, 0), (level["onHand"]!.GetValue<int>(), level["reserved"]!.GetValue<int>()));
            var cart = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
            Assert.Empty(cart["lines"]!.AsArray());
            Assert.False(cart["checkoutInProgress"]!.GetValue<bool>());
            member.Dispose();
        }
        using var staff = fixture.Api.As(tenant.OwnerToken);
        var pending = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/orders?status=pending_payment"), HttpStatusCode.OK);
        Assert.Empty(pending["items"]!.AsArray());
    }

    [Fact]
    public async Task An_automatic_promotion_and_a_shipping_rate_staff_create_reach_the_very_next_checkout()
    {
        var tenant = await Shop.OpenShopAsync();
        await Shop.ProductAsync(tenant, "REF-1", 5, ("GBP", 100_000));
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "REF-1", 1), HttpStatusCode.OK);
        // Priced once before staff change anything: free standard shipping, no automatic promotion.
        var before = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        Assert.Equal((0L, 0L), (before["totals"]!["discount"]!["amountMinor"]!.GetValue<long>(), before["totals"]!["shipping"]!["amountMinor"]!.GetValue<long>()));

        using var staff = fixture.Api.As(tenant.OwnerToken);
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/promotions",
            new { code = "WELCOME-10", kind = "percentage", percentOff = 10, automatic = true }), HttpStatusCode.Created);
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/shipping-methods",
            new { code = "standard", name = "Standard", rates = new[] { new { currency = "GBP", amountMinor = 1_500 } } }), HttpStatusCode.Created);

        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "ref-" + Guid.NewGuid()), HttpStatusCode.Created);
        Assert.Equal(10_000, order["totals"]!["discount"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal(1_500, order["totals"]!["shipping"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal(91_500, order["totals"]!["total"]!["amountMinor"]!.GetValue<long>());
    }
}
