using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

/// <summary>Two API instances sharing the database and Redis, as in production (SQLite: one shared file).</summary>
public sealed class CrossInstanceTests
{
    [Fact]
    public async Task A_price_change_made_through_one_instance_is_served_by_the_other_on_its_next_read()
    {
        var redis = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestEngines.Redis };
        await using var a = await MaisonServer.StartAsync("cat", settings: redis);
        await using var b = await MaisonServer.StartAsync("cat", a.ConnectionString, redis);
        var apiA = new Api(a);
        var tenant = await apiA.CreateTenantAsync();
        using var staff = apiA.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        var token = await apiA.ActiveMemberTokenAsync(tenant);
        using var onA = apiA.As(token);
        using var onB = new Api(b).As(token);

        for (var round = 1; round <= 3; round++)
        {
            // Both instances cache the page (L1) before the change.
            await Expect.Status(await onA.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
            await Expect.Status(await onB.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
            var price = 125_000 + round * 1_000;
            await Expect.Status(await staff.PatchAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products/lune-bag",
                new { variants = new[] { new { sku = "AUR-LUNE-BLK", prices = new[] { new { currency = "GBP", amountMinor = price } } } } }), HttpStatusCode.OK);

            var page = await Expect.Status(await onB.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
            Assert.Equal(price, page["variants"]![0]!["price"]!["amountMinor"]!.GetValue<long>());
            var listing = await Expect.Status(await onB.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK);
            Assert.Equal(price, listing["items"]![0]!["price"]!["amountMinor"]!.GetValue<long>());
        }
    }
}
