using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Inventory;

/// <summary>The other conditional updates, raced with real parallel requests: status moves and counts.</summary>
// Hundreds of connections each: one collection, so these never run beside each other and exhaust the server's connections.
[Collection("Inventory concurrency")]
public sealed class StockRaceTests(BoundedServerFixture fixture) : IClassFixture<BoundedServerFixture>
{
    private readonly Api _api = fixture.Api;

    private static async Task<HttpResponseMessage[]> Together(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await send(i);
        })).ToList();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Racing_commits_and_releases_of_one_reservation_let_exactly_one_win()
    {
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.SetAsync("BAG", "london", 10);
        var id = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 3 } });

        var responses = await Together(40, i => i % 2 == 0 ? inv.CommitAsync(id) : inv.ReleaseAsync(id));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(39, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var status = (await inv.ReservationAsync(id))["status"]!.GetValue<string>();
        var level = await inv.LevelAsync("BAG", "london");
        Assert.Equal(0, InventoryClient.Int(level, "reserved"));
        Assert.Equal(status == "committed" ? 7 : 10, InventoryClient.Int(level, "onHand"));
        Assert.Equal(InventoryClient.Int(level, "onHand"), (await inv.MovementsAsync("BAG")).Sum(m => InventoryClient.Int(m, "quantity")));
    }

    [Fact]
    public async Task Counts_racing_with_reservations_and_sales_keep_on_hand_equal_to_the_ledger()
    {
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.SetAsync("SKU", "london", 50);

        var responses = await Together(60, async i => (i % 3) switch
        {
            0 => await inv.Http.PutAsJsonAsync($"{inv.Base}/inventory/SKU/levels/london", new { onHand = 40 + i % 20 }),
            1 => await inv.ReserveAsync(new[] { new { sku = "SKU", quantity = 1 } }),
            _ => await SellAsync(inv),
        });

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        var level = await inv.LevelAsync("SKU", "london");
        Assert.Equal(InventoryClient.Int(level, "onHand"), (await inv.MovementsAsync("SKU")).Sum(m => InventoryClient.Int(m, "quantity")));
        Assert.True(InventoryClient.Int(level, "reserved") >= 0);
    }

    private static async Task<HttpResponseMessage> SellAsync(InventoryClient inv)
    {
        var held = await inv.ReserveAsync(new[] { new { sku = "SKU", quantity = 1 } });
        if (held.StatusCode != HttpStatusCode.Created) return held;
        var id = (await held.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        return await inv.CommitAsync(id);
    }
}
