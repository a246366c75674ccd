using System.Net;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Checkout;

/// <summary>Real parallel HTTP requests, released together, against the checkout's conditional updates.</summary>
public sealed class CheckoutRaceTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private ShopApi Shop => fixture.Shop;

    [Fact]
    public async Task Members_racing_for_k_units_get_exactly_k_orders_and_nothing_is_oversold()
    {
        const int units = 5, buyers = 16;
        var tenant = await Shop.OpenShopAsync();
        await Shop.ProductAsync(tenant, "DROP-1", units, ("GBP", 99_000));
        var members = new List<HttpClient>();
        for (var i = 0; i < buyers; i++)
        {
            var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
            await Expect.Status(await ShopApi.AddAsync(member, tenant, "DROP-1", 1), HttpStatusCode.OK);
            members.Add(member);
        }

        using var start = new SemaphoreSlim(0);
        var tasks = members.Select(async m =>
        {
            await start.WaitAsync();
            return await ShopApi.CheckoutAsync(m, tenant, "tok_visa", "race-" + Guid.NewGuid());
        }).ToList();
        start.Release(buyers);
        var responses = await Task.WhenAll(tasks);

        Assert.Equal(units, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Expect.Problem(refused, HttpStatusCode.Conflict, "out_of_stock");
        }
        var level = await Shop.LevelAsync(tenant, "DROP-1");
        Assert.Equal(0, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        using var staff = fixture.Api.As(tenant.OwnerToken);
        var confirmed = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/orders?status=confirmed"), HttpStatusCode.OK);
        Assert.Equal(units, confirmed["items"]!.AsArray().Count);
        foreach (var m in members) m.Dispose();
    }

    [Fact]
    public async Task Parallel_checkouts_of_one_cart_with_different_keys_let_exactly_one_through()
    {
        var tenant = await Shop.OpenShopAsync();
        await Shop.ProductAsync(tenant, "ONE-CART", 10, ("GBP", 42_000));
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "ONE-CART", 1), HttpStatusCode.OK);

        // tok_timeout keeps the winner in flight, so every other key must meet the lock, not an empty cart.
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.WaitAsync();
            return await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", $"tab-{i}-{Guid.NewGuid()}");
        }).ToList();
        start.Release(8);
        var responses = await Task.WhenAll(tasks);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.ServiceUnavailable))
        {
            await Expect.Problem(refused, HttpStatusCode.Conflict, "checkout_in_progress");
        }
        Assert.Equal(1, (await Shop.LevelAsync(tenant, "ONE-CART"))["reserved"]!.GetValue<int>());
        var mine = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/orders"), HttpStatusCode.OK);
        Assert.Equal("pending_payment", Assert.Single(mine["items"]!.AsArray())!["status"]!.GetValue<string>());
    }
}
