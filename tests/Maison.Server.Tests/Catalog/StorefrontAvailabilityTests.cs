using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Maison.Server.Tests.Infrastructure;
using Maison.Server.Tests.Inventory;

namespace Maison.Server.Tests.Catalog;

/// <summary>
/// Availability per variant on the storefront, from Inventory, refreshed by the stock events that the relay (the test
/// server's worker role) delivers to the catalogue's cache invalidation.
/// </summary>
public sealed class StorefrontAvailabilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Api _api = fixture.Api;

    private async Task<(TestTenant Tenant, InventoryClient Admin)> ArrangeAsync()
    {
        var tenant = await _api.CreateTenantAsync(); // GBP: its default market is GB
        var admin = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await CatalogData.BrandAsync(admin.Http, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(admin.Http, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        await admin.LocationAsync("london", "GB");
        return (tenant, admin);
    }

    [Fact]
    public async Task After_stock_changes_the_product_page_and_listing_show_the_new_availability()
    {
        var (tenant, admin) = await ArrangeAsync();
        using var guest = _api.Anonymous();
        var page = $"/api/v1/{tenant.Slug}/products/lune-bag";
        var listing = $"/api/v1/{tenant.Slug}/products";
        Assert.Equal("sold_out", await VariantAvailabilityAsync(guest, page)); // no level yet: nothing to sell

        await admin.SetAsync("AUR-LUNE-BLK", "london", 10);
        await EventuallyAsync(guest, page, "in_stock");
        Assert.Equal("in_stock", await CardAvailabilityAsync(guest, listing));

        await admin.SetAsync("AUR-LUNE-BLK", "london", 2);
        await EventuallyAsync(guest, page, "low");
        Assert.Equal("low", await CardAvailabilityAsync(guest, listing));

        await admin.SetAsync("AUR-LUNE-BLK", "london", 0);
        await EventuallyAsync(guest, page, "sold_out");
        Assert.Equal("sold_out", await CardAvailabilityAsync(guest, listing));
        admin.Dispose();
    }

    [Fact]
    public async Task Availability_counts_only_the_locations_serving_the_requested_country()
    {
        var (tenant, admin) = await ArrangeAsync();
        await admin.SetAsync("AUR-LUNE-BLK", "london", 10);
        using var guest = _api.Anonymous();
        await EventuallyAsync(guest, $"/api/v1/{tenant.Slug}/products/lune-bag?country=GB", "in_stock");
        Assert.Equal("sold_out", await VariantAvailabilityAsync(guest, $"/api/v1/{tenant.Slug}/products/lune-bag?country=JP"));
        Assert.Equal("sold_out", await CardAvailabilityAsync(guest, $"/api/v1/{tenant.Slug}/products?country=JP"));
        admin.Dispose();
    }

    private static async Task<string> VariantAvailabilityAsync(HttpClient client, string path) =>
        (await Expect.Status(await client.GetAsync(path), HttpStatusCode.OK))["variants"]![0]!["availability"]!.GetValue<string>();

    private static async Task<string> CardAvailabilityAsync(HttpClient client, string path)
    {
        JsonNode body = await Expect.Status(await client.GetAsync(path), HttpStatusCode.OK);
        return body["items"]![0]!["availability"]!["AUR-LUNE-BLK"]!.GetValue<string>();
    }

    /// <summary>The relay delivers the stock events asynchronously: poll the page until it shows <paramref name="expected"/>, within <see cref="Patience"/>.</summary>
    private static async Task EventuallyAsync(HttpClient client, string path, string expected)
    {
        var clock = Stopwatch.StartNew();
        string seen;
        while ((seen = await VariantAvailabilityAsync(client, path)) != expected && clock.Elapsed < Patience)
        {
            await Task.Delay(100);
        }
        Assert.Equal(expected, seen);
    }
}

/// <summary>
/// A hold that leaves a few units publishes no stock event (only taking the last unit does), and a signal can be lost
/// (a process that dies between a batch's commit and its signal): whatever the events did, the storefront's
/// availability is never older than its maximum age (<c>Maison:Catalog:AvailabilityMaxAgeSeconds</c>, ADR 0029).
/// </summary>
public sealed class StorefrontAvailabilityAgeTests
{
    [Fact]
    public async Task A_hold_that_leaves_few_units_shows_as_low_within_the_maximum_age_without_any_stock_event()
    {
        await using var server = await MaisonServer.StartAsync("age", settings: new Dictionary<string, string?>
        {
            ["Maison:Catalog:AvailabilityMaxAgeSeconds"] = "3",
        });
        var api = new Api(server);
        var tenant = await api.CreateTenantAsync();
        using var admin = new InventoryClient(api.As(tenant.OwnerToken), tenant.Slug);
        await CatalogData.BrandAsync(admin.Http, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(admin.Http, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        await admin.LocationAsync("london", "GB");
        await admin.SetAsync("AUR-LUNE-BLK", "london", 10);
        using var guest = api.Anonymous();
        var page = $"/api/v1/{tenant.Slug}/products/lune-bag";
        Assert.Equal("in_stock", await WatchAsync(guest, page, until: "in_stock", TimeSpan.FromSeconds(20)));
        // Read on while the stock count's own events arrive (the relay polls every 0.5 s), so that the page is cached
        // on the version they leave.
        Assert.Equal("in_stock", await WatchAsync(guest, page, until: null, TimeSpan.FromSeconds(3)));

        await admin.HoldAsync(new[] { new { sku = "AUR-LUNE-BLK", quantity = 8 } }); // 2 left: low, and no event says so
        Assert.Equal("low", await WatchAsync(guest, page, until: "low", TimeSpan.FromSeconds(10)));
    }

    /// <summary>Reads the page every 100 ms for <paramref name="patience"/>, or until it shows <paramref name="until"/>; the last availability.</summary>
    private static async Task<string> WatchAsync(HttpClient client, string path, string? until, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seen = (await Expect.Status(await client.GetAsync(path), HttpStatusCode.OK))["variants"]![0]!["availability"]!.GetValue<string>();
            if (seen == until || clock.Elapsed >= patience) return seen;
            await Task.Delay(100);
        }
    }
}
