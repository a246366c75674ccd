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
