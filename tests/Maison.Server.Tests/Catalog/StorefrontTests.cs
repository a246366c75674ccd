using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

public sealed class StorefrontTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private async Task<(TestTenant Tenant, HttpClient Staff)> CatalogueAsync()
    {
        var tenant = await _api.CreateTenantAsync();
        var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel", "Maison Aurel");
        await CatalogData.BrandAsync(staff, tenant.Slug, "vellani", "Vellani");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune Shoulder Bag", "AUR-LUNE-BLK", 125_000,
            description: "A crescent bag in smooth calf leather.", jpy: 240_000));
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("riva-loafer", "vellani", "Riva Loafer", "VEL-RIVA-40", 69_000,
            categories: ["shoes"], options: new { size = "40", colour = "brown" }, description: "Hand-stitched loafer; pairs with any bag."));
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("riva-loafer-black", "vellani", "Riva Loafer Black", "VEL-RIVA-41", 71_000,
            categories: ["shoes"], options: new { size = "41", colour = "black" }));
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("secret-draft", "vellani", "Secret Draft Bag", "VEL-DRAFT", 10_000, status: "draft"));
        return (tenant, staff);
    }

    private static List<string> Slugs(JsonNode listing) => listing["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Guests_browse_active_products_without_prices()
    {
        var (tenant, staff) = await CatalogueAsync();
        using var guest = _api.Anonymous();
        var listing = await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK);
        Assert.Equal(["lune-bag", "riva-loafer", "riva-loafer-black"], Slugs(listing));
        Assert.All(listing["items"]!.AsArray(), i => Assert.Null(i!["price"]));

        var page = await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
        Assert.Equal("Lune Shoulder Bag", page["title"]!.GetValue<string>());
        Assert.Null(page["price"]);
        Assert.Null(page["variants"]![0]!["price"]);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/api/v1/{tenant.Slug}/products/secret-draft")).StatusCode);
        staff.Dispose();
    }

    [Fact]
    public async Task Active_members_see_prices_in_the_currency_they_ask_for()
    {
        var (tenant, staff) = await CatalogueAsync();
        var token = await _api.ActiveMemberTokenAsync(tenant);
        using var member = _api.As(token);
        var page = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag?currency=JPY"), HttpStatusCode.OK);
        Assert.Equal("JPY", page["variants"]![0]!["price"]!["currency"]!.GetValue<string>());
        Assert.Equal(240_000, page["variants"]![0]!["price"]!["amountMinor"]!.GetValue<long>());
        var gbp = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products?brand=maison-aurel"), HttpStatusCode.OK);
        Assert.Equal(125_000, gbp["items"]![0]!["price"]!["amountMinor"]!.GetValue<long>());
        await Expect.Problem(await member.GetAsync($"/api/v1/{tenant.Slug}/products?currency=USD"), HttpStatusCode.BadRequest, "validation_failed");
        staff.Dispose();
    }

    [Fact]
    public async Task Filters_narrow_the_listing_and_facets_count_what_is_left()
    {
        var (tenant, staff) = await CatalogueAsync();
        var token = await _api.ActiveMemberTokenAsync(tenant);
        using var member = _api.As(token);
        var all = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK);
        Assert.Equal(2, all["facets"]!["brand"]!["vellani"]!.GetValue<int>());
        Assert.Equal(1, all["facets"]!["brand"]!["maison-aurel"]!.GetValue<int>());
        Assert.Equal(2, all["facets"]!["colour"]!["black"]!.GetValue<int>());

        Assert.Equal(["riva-loafer", "riva-loafer-black"], Slugs(await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products?category=shoes"), HttpStatusCode.OK)));
        Assert.Equal(["riva-loafer-black"], Slugs(await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products?size=41"), HttpStatusCode.OK)));
        Assert.Equal(["lune-bag", "riva-loafer-black"], Slugs(await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products?colour=black"), HttpStatusCode.OK)));
        var priced = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/products?minPrice=70000&maxPrice=130000"), HttpStatusCode.OK);
        Assert.Equal(["lune-bag", "riva-loafer-black"], Slugs(priced));
        Assert.Equal(1, priced["facets"]!["size"]!["41"]!.GetValue<int>());
        staff.Dispose();
    }

    [Fact]
    public async Task The_cursor_walks_every_product_once()
    {
        var (tenant, staff) = await CatalogueAsync();
        using var guest = _api.Anonymous();
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products?limit=1" + (after is null ? "" : "&after=" + after)), HttpStatusCode.OK);
            seen.AddRange(Slugs(page));
            after = page["nextCursor"]?.GetValue<string>();
        } while (after is not null);
        Assert.Equal(["lune-bag", "riva-loafer", "riva-loafer-black"], seen);
        await Expect.Problem(await guest.GetAsync($"/api/v1/{tenant.Slug}/products?limit=101"), HttpStatusCode.BadRequest, "validation_failed");
        staff.Dispose();
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("limit=0")]
    [InlineData("minPrice=-1")]
    [InlineData("minPrice=cheap")]
    [InlineData("after=%21%21%21")]
    [InlineData("currency=XYZ")]
    [InlineData("country=gbr")]
    public async Task Bad_listing_parameters_are_400_problems(string query)
    {
        var tenant = await _api.CreateTenantAsync();
        using var guest = _api.Anonymous();
        var response = await guest.GetAsync($"/api/v1/{tenant.Slug}/products?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("lune", "lune-bag")]
    [InlineData("crescent leather", "lune-bag")]
    [InlineData("loafer black", "riva-loafer-black")]
    [InlineData("bag", "lune-bag")] // in the title beats in the description ("pairs with any bag")
    [InlineData("vellani brown", "riva-loafer")] // brand and option value
    [InlineData("loafers stitched", "riva-loafer")] // stemmed
    [InlineData("stitch", "riva-loafer")] // a word's prefix
    public async Task Search_puts_the_expected_product_first(string q, string expectedFirst)
    {
        var (tenant, staff) = await CatalogueAsync();
        using var guest = _api.Anonymous();
        var found = Slugs(await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products?q={Uri.EscapeDataString(q)}"), HttpStatusCode.OK));
        Assert.NotEmpty(found);
        Assert.Equal(expectedFirst, found[0]);
        Assert.DoesNotContain("secret-draft", found);
        staff.Dispose();
    }

    [Fact]
    public async Task Search_finds_nothing_for_words_no_product_has_and_survives_operators()
    {
        var (tenant, staff) = await CatalogueAsync();
        using var guest = _api.Anonymous();
        Assert.Empty(Slugs(await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products?q=zeppelin"), HttpStatusCode.OK)));
        Assert.Equal("lune-bag", Slugs(await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products?q={Uri.EscapeDataString("lune\" * & !( -")}"), HttpStatusCode.OK))[0]);
        staff.Dispose();
    }

    [Fact]
    public async Task An_unchanged_product_page_or_listing_answers_304_and_a_change_gives_a_new_etag()
    {
        var (tenant, staff) = await CatalogueAsync();
        using var guest = _api.Anonymous();
        foreach (var path in new[] { $"/api/v1/{tenant.Slug}/products/lune-bag", $"/api/v1/{tenant.Slug}/products?brand=maison-aurel" })
        {
            var first = await guest.GetAsync(path);
            await Expect.Status(first, HttpStatusCode.OK);
            var etag = first.Headers.ETag!;
            var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            var notModified = await guest.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

            await Expect.Status(await staff.PatchAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products/lune-bag", new { title = "Lune Bag " + Guid.NewGuid().ToString("N")[..6] }), HttpStatusCode.OK);
            var changed = new HttpRequestMessage(HttpMethod.Get, path);
            changed.Headers.IfNoneMatch.Add(etag);
            var fresh = await guest.SendAsync(changed);
            await Expect.Status(fresh, HttpStatusCode.OK);
            Assert.NotEqual(etag, fresh.Headers.ETag);
        }
        staff.Dispose();
    }

    [Fact]
    public async Task A_drop_stays_hidden_until_the_callers_tier_opens_it()
    {
        var (tenant, staff) = await CatalogueAsync();
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/collections", new
        {
            slug = "winter-drop", name = "Winter drop", products = new[] { "lune-bag" },
            availableFrom = new Dictionary<string, DateTimeOffset> { ["gold"] = DateTimeOffset.UtcNow.AddDays(-1), ["*"] = DateTimeOffset.UtcNow.AddDays(7) },
        }), HttpStatusCode.Created);

        using var guest = _api.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag")).StatusCode);
        Assert.DoesNotContain("lune-bag", Slugs(await Expect.Status(await guest.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK)));

        var token = await _api.ActiveMemberTokenAsync(tenant, "gold");
        using var gold = _api.As(token);
        await Expect.Status(await gold.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
        Assert.Contains("lune-bag", Slugs(await Expect.Status(await gold.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK)));
        staff.Dispose();
    }
}
