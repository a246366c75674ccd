using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

public sealed class CatalogAdminTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private const string LuneBag = """
        { "slug": "lune-bag", "title": "Lune Shoulder Bag", "brand": "maison-aurel",
          "description": "Calf leather.", "categories": ["bags"], "status": "active",
          "variants": [ { "sku": "AUR-LUNE-BLK", "options": { "colour": "black" },
                          "prices": [ { "currency": "GBP", "amountMinor": 125000, "compareAtMinor": 210000 },
                                      { "currency": "JPY", "amountMinor": 240000 } ] } ] }
        """;

    [Fact]
    public async Task A_product_posted_as_in_api_md_is_created_with_its_variants_options_and_prices()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(await _api.StaffTokenAsync(tenant, "merchandiser"));
        var brand = await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/brands", new { slug = "maison-aurel", name = "Maison Aurel" }), HttpStatusCode.Created);
        Assert.Equal("maison-aurel", brand["slug"]!.GetValue<string>());
        Assert.NotNull(brand["id"]);

        var created = await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/products", Api.Json(LuneBag));
        var product = await Expect.Status(created, HttpStatusCode.Created);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("lune-bag", product["slug"]!.GetValue<string>());
        Assert.Equal("maison-aurel", product["brand"]!.GetValue<string>());
        Assert.Equal("active", product["status"]!.GetValue<string>());
        var variant = product["variants"]![0]!;
        Assert.Equal("AUR-LUNE-BLK", variant["sku"]!.GetValue<string>());
        Assert.Equal("black", variant["options"]!["colour"]!.GetValue<string>());
        var gbp = variant["prices"]!.AsArray().Single(p => p!["currency"]!.GetValue<string>() == "GBP")!;
        Assert.Equal(125000, gbp["amountMinor"]!.GetValue<long>());
        Assert.Equal(210000, gbp["compareAtMinor"]!.GetValue<long>());

        var read = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/products/lune-bag"), HttpStatusCode.OK);
        Assert.Equal(2, read["variants"]![0]!["prices"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_taken_slug_or_sku_is_409()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await Expect.Status(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/products", Api.Json(LuneBag)), HttpStatusCode.Created);

        await Expect.Problem(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/products", Api.Json(LuneBag)), HttpStatusCode.Conflict, "slug_taken");
        await Expect.Problem(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/products", Api.Json(LuneBag.Replace("\"lune-bag\"", "\"lune-bag-2\""))),
            HttpStatusCode.Conflict, "sku_taken");
        await Expect.Problem(await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/brands", new { slug = "maison-aurel", name = "Again" }),
            HttpStatusCode.Conflict, "slug_taken");
    }

    [Fact]
    public async Task The_same_sku_posted_in_parallel_is_created_once_and_the_others_get_409()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        using var gate = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            await gate.WaitAsync();
            return await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products",
                CatalogData.Product($"race-{i}", "maison-aurel", "Race", "RACE-SKU-1", 1000));
        }).ToList();
        gate.Release(attempts.Count);
        var statuses = (await Task.WhenAll(attempts)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_a_fresh_one_applies()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("etag-bag", "maison-aurel", "Bag", "ETAG-1", 1000));
        var etag = (await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/products/etag-bag")).Headers.ETag!;

        var first = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{tenant.Slug}/admin/products/etag-bag") { Content = JsonContent.Create(new { title = "First" }) };
        first.Headers.IfMatch.Add(etag);
        var applied = await staff.SendAsync(first);
        Assert.Equal("First", (await Expect.Status(applied, HttpStatusCode.OK))["title"]!.GetValue<string>());
        Assert.NotEqual(etag, applied.Headers.ETag);

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{tenant.Slug}/admin/products/etag-bag") { Content = JsonContent.Create(new { title = "Second" }) };
        stale.Headers.IfMatch.Add(etag);
        await Expect.Problem(await staff.SendAsync(stale), HttpStatusCode.PreconditionFailed, "precondition_failed");
    }

    [Fact]
    public async Task An_archived_product_cannot_go_back_to_draft()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("old-bag", "maison-aurel", "Old", "OLD-1", 1000));
        await Expect.Status(await staff.PatchAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products/old-bag", new { status = "archived" }), HttpStatusCode.OK);
        await Expect.Problem(await staff.PatchAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products/old-bag", new { status = "draft" }),
            HttpStatusCode.Conflict, "invalid_transition");
    }

    [Theory]
    [InlineData("""{"slug":"x","title":"X","brand":"maison-aurel","variants":[{"sku":"X-1","prices":[{"currency":"GBP","amountMinor":-1}]}]}""")]
    [InlineData("""{"slug":"x","title":"X","brand":"maison-aurel","variants":[{"sku":"X-1","prices":[{"currency":"XXX","amountMinor":1}]}]}""", "unknown_currency")]
    [InlineData("""{"slug":"x","title":"X","brand":"maison-aurel","variants":[{"sku":"X-1","prices":[{"currency":"USD","amountMinor":1}]}]}""")]
    [InlineData("""{"slug":"x","title":"X","brand":"no-such-brand","variants":[{"sku":"X-1"}]}""")]
    [InlineData("""{"slug":"x","title":"X","brand":"maison-aurel","variants":[]}""")]
    [InlineData("""{"slug":"X Y","title":"X","brand":"maison-aurel","variants":[{"sku":"X-1"}]}""")]
    [InlineData("""{"slug":"x","title":"X","brand":"maison-aurel","status":"sold","variants":[{"sku":"X-1"}]}""")]
    [InlineData("""{"slug":"x","title":"X","brand":"maison-aurel","media":["not a url"],"variants":[{"sku":"X-1"}]}""")]
    public async Task Invalid_products_are_400_with_a_stable_code(string body, string code = "validation_failed")
    {
        var tenant = await _api.CreateTenantAsync(); // sells GBP, EUR, JPY: not USD
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await Expect.Problem(await staff.PostAsync($"/api/v1/{tenant.Slug}/admin/products", Api.Json(body)), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Staff_without_catalog_write_cannot_create_products()
    {
        var tenant = await _api.CreateTenantAsync();
        using var support = _api.As(await _api.StaffTokenAsync(tenant, "support"));
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/brands", new { slug = "b", name = "B" })).StatusCode);
    }
}
