using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

/// <summary>Races through real parallel requests, released together.</summary>
public sealed class CatalogConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private static async Task<HttpResponseMessage[]> RaceAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            return await send(i);
        }).ToList();
        gate.Release(count);
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Parallel_edits_with_the_same_etag_apply_once_and_the_rest_get_412()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        var etag = (await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/products/lune-bag")).Headers.ETag!;

        var responses = await RaceAsync(10, i =>
        {
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{tenant.Slug}/admin/products/lune-bag")
            {
                Content = JsonContent.Create(new { title = $"Lune {i}", variants = new[] { new { sku = "AUR-LUNE-BLK", prices = new[] { new { currency = "EUR", amountMinor = 140_000 + i } } } } }),
            };
            patch.Headers.IfMatch.Add(etag);
            return staff.SendAsync(patch);
        });

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>();
        var stored = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/products/lune-bag"), HttpStatusCode.OK);
        Assert.Equal(winner!["title"]!.GetValue<string>(), stored["title"]!.GetValue<string>());
        Assert.Equal(2, stored["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Parallel_publications_of_one_price_list_never_fail_with_5xx_and_leave_one_price_per_sku()
    {
        var tenant = await _api.CreateTenantAsync();
        using var staff = _api.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        for (var i = 0; i < 5; i++) await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product($"bag-{i}", "maison-aurel", "Bag", $"BAG-{i}", 100_000 + i));
        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/fx-rates/GBP/EUR", new { rate = 1.17m }), HttpStatusCode.OK);
        await Expect.Status(await staff.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/price-lists/EUR",
            new { baseCurrency = "GBP", rounding = new { mode = "up", stepMinor = 100 } }), HttpStatusCode.OK);

        var responses = await RaceAsync(8, _ => staff.PostAsync($"/api/v1/{tenant.Slug}/admin/price-lists/EUR/publish", null));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed }));

        var product = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/products/bag-3"), HttpStatusCode.OK);
        var eur = Assert.Single(product["variants"]![0]!["prices"]!.AsArray(), p => p!["currency"]!.GetValue<string>() == "EUR");
        Assert.Equal(117_100, eur!["amountMinor"]!.GetValue<long>()); // 1000.03 × 1.17 = 1170.04 → up to €1,171.00
    }
}
