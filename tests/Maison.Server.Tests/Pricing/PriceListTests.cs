using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Catalog;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Pricing;

public sealed class PriceListTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_published_yen_list_derives_rounded_prices_and_freezes_them_until_published_again()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/fx-rates/GBP/JPY", new { rate = 191.5m }), HttpStatusCode.OK);
        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/price-lists/JPY",
            new { baseCurrency = "GBP", rounding = new { mode = "up", stepMinor = 1000 } }), HttpStatusCode.OK);
        var published = await Expect.Status(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/price-lists/JPY/publish", null), HttpStatusCode.OK);
        Assert.Equal("published", published["status"]!.GetValue<string>());
        Assert.Equal(1, published["derived"]!.GetValue<int>());

        var token = await _api.ActiveMemberTokenAsync(tenant);
        using var member = _api.As(token);
        async Task<long> YenPriceAsync() =>
            (await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag?currency=JPY"), HttpStatusCode.OK))["price"]!["amountMinor"]!.GetValue<long>();
        Assert.Equal(240_000, await YenPriceAsync()); // £1,250 × 191.5 = ¥239,375 → up to ¥240,000

        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/fx-rates/GBP/JPY", new { rate = 200m }), HttpStatusCode.OK);
        Assert.Equal(240_000, await YenPriceAsync()); // frozen: the new rate waits for publication
        await Expect.Status(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/price-lists/JPY/publish", null), HttpStatusCode.OK);
        Assert.Equal(250_000, await YenPriceAsync());
    }

    [Fact]
    public async Task In_a_tax_inclusive_market_each_price_shows_the_vat_inside_it()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        var token = await _api.ActiveMemberTokenAsync(tenant);
        using var member = _api.As(token);
        var before = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag?country=GB"), HttpStatusCode.OK);
        Assert.Null(before["variants"]![0]!["tax"]);

        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/tax-rates/GB", new { rateBasisPoints = 2000, taxInclusive = true }), HttpStatusCode.OK);
        var page = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag?country=GB"), HttpStatusCode.OK);
        Assert.True(page["taxIncluded"]!.GetValue<bool>());
        Assert.Equal(20_833, page["variants"]![0]!["tax"]!["amountMinor"]!.GetValue<long>()); // round(125000 × 0.2 / 1.2)
        var card = (await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products?country=GB"), HttpStatusCode.OK))["items"]![0]!;
        Assert.Equal(20_833, card["tax"]!["amountMinor"]!.GetValue<long>());

        using var guest = _api.Anonymous();
        Assert.Null((await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag?country=GB"), HttpStatusCode.OK))["variants"]![0]!["tax"]);
    }

    [Fact]
    public async Task Publishing_without_an_fx_rate_is_409_and_bad_rates_are_400()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/price-lists/EUR",
            new { baseCurrency = "GBP", rounding = new { mode = "up", stepMinor = 100 } }), HttpStatusCode.OK);
        await Expect.Problem(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/price-lists/EUR/publish", null), HttpStatusCode.Conflict, "fx_rate_missing");
        await Expect.Problem(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/fx-rates/GBP/EUR", new { rate = -1m }), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/tax-rates/gb", new { rateBasisPoints = 2000, taxInclusive = true }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/tax-rates/GB", new { rateBasisPoints = 2000, taxInclusive = true }), HttpStatusCode.OK);
    }
}
