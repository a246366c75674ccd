using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Checkout;

/// <summary>Promotion limits hold under a real race of checkouts (issue: 200 checkouts against usageLimit 50).</summary>
public sealed class CheckoutPromotionRaceTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private ShopApi Shop => fixture.Shop;

    [Fact]
    public async Task Two_hundred_concurrent_checkouts_against_a_code_limited_to_fifty_give_exactly_fifty_discounted_orders()
    {
        const int buyers = 200, limit = 50;
        var tenant = await Shop.OpenShopAsync();
        await Shop.ProductAsync(tenant, "CODE-RACE", buyers + 10, ("GBP", 50_000));
        using (var owner = fixture.Api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/promotions",
                new { code = "FIFTY", kind = "percentage", percentOff = 10, usageLimit = limit }), HttpStatusCode.Created);
        }

        // Real members, each with the code in their cart; arranged a few at a time (each costs two password hashes).
        var members = new List<HttpClient>();
        foreach (var batch in Enumerable.Range(0, buyers).Chunk(10))
        {
            members.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
                await Expect.Status(await ShopApi.AddAsync(member, tenant, "CODE-RACE", 1), HttpStatusCode.OK);
                await Expect.Status(await member.PostAsJsonAsync($"/api/v1/{tenant.Slug}/me/cart/promotion", new { code = "FIFTY" }), HttpStatusCode.OK);
                return member;
            })));
        }

        using var start = new SemaphoreSlim(0);
        var tasks = members.Select(async m =>
        {
            await start.WaitAsync();
            return await ShopApi.CheckoutAsync(m, tenant, "tok_visa", "promo-race-" + Guid.NewGuid());
        }).ToList();
        start.Release(buyers);
        var responses = await Task.WhenAll(tasks);

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(limit, created.Count);
        foreach (var order in created)
        {
            var body = await Expect.Status(order, HttpStatusCode.Created);
            Assert.Equal(5_000, body["totals"]!["discount"]!["amountMinor"]!.GetValue<long>());
        }
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Expect.Problem(refused, HttpStatusCode.Conflict, "promotion_exhausted");
        }

        using var staff = fixture.Api.As(tenant.OwnerToken);
        var promotion = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/promotions/FIFTY"), HttpStatusCode.OK);
        Assert.Equal(limit, promotion["uses"]!.GetValue<int>());
        // The refused checkouts held nothing: only the fifty sales left the shelf.
        var level = await Shop.LevelAsync(tenant, "CODE-RACE");
        Assert.Equal(buyers + 10 - limit, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        foreach (var m in members) m.Dispose();
    }
}
