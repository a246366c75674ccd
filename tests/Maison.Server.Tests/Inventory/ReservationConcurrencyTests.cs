using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Inventory;

/// <summary>Real parallel HTTP requests, released together, against the one conditional update that guards stock.</summary>
// Hundreds of connections each: one collection, so these never run beside each other and exhaust the server's connections.
[Collection("Inventory concurrency")]
public sealed class ReservationConcurrencyTests(BoundedServerFixture fixture) : IClassFixture<BoundedServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Five_hundred_concurrent_one_unit_reservations_of_37_units_give_exactly_37_successes()
    {
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.SetAsync("HOT", "london", 37);

        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 500).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await inv.ReserveAsync(new[] { new { sku = "HOT", quantity = 1 } });
        })).ToList();
        start.Release(500);
        var responses = await Task.WhenAll(requests);

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Equal(37, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(463, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var level = await inv.LevelAsync("HOT", "london");
        Assert.Equal(37, InventoryClient.Int(level, "reserved"));
        Assert.Equal(0, InventoryClient.Int(level, "available"));
    }

    [Fact]
    public async Task Concurrent_multi_line_reservations_over_overlapping_skus_never_oversell_or_leave_a_partial_hold()
    {
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("a-london");
        await inv.LocationAsync("b-leeds");
        var skus = Enumerable.Range(0, 6).Select(i => $"SKU-{i}").ToArray();
        foreach (var sku in skus)
        {
            await inv.SetAsync(sku, "a-london", 20);
            await inv.SetAsync(sku, "b-leeds", 10);
        }

        var random = new Random(42);
        var baskets = Enumerable.Range(0, 300).Select(_ => skus.OrderBy(_ => random.Next()).Take(random.Next(2, 5))
            .Select(sku => new { sku, quantity = random.Next(1, 4) }).ToArray()).ToList();
        using var start = new SemaphoreSlim(0);
        var requests = baskets.Select(lines => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await inv.ReserveAsync(lines);
        })).ToList();
        start.Release(baskets.Count);
        var responses = await Task.WhenAll(requests);

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict));
        var held = new List<(string Sku, string Location, int Quantity)>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            var body = await response.Content.ReadFromJsonAsync<ReservationBody>(Expect.Web);
            held.AddRange(body!.Lines.Select(l => (l.Sku, l.Location, l.Quantity)));
        }
        Assert.NotEmpty(held);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Conflict);

        foreach (var sku in skus)
        {
            foreach (var level in (await inv.LevelsAsync(sku))["levels"]!.AsArray())
            {
                var location = level!["location"]!.GetValue<string>();
                var reserved = InventoryClient.Int(level, "reserved");
                Assert.Equal(held.Where(h => h.Sku == sku && h.Location == location).Sum(h => h.Quantity), reserved);
                Assert.True(InventoryClient.Int(level, "available") >= 0, $"{sku} at {location} is oversold");
            }
        }
    }

    [Fact]
    public async Task Concurrent_one_line_reservations_spill_to_the_next_location_and_never_take_stock_from_another_market()
    {
        // PostgreSQL serves a one-line reservation with one statement on the first location that can fill it, and falls
        // back to the general path (snapshot, split across locations) when none can: both must hold together, and the
        // market filter must hold on both.
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("a-london", "GB");
        await inv.LocationAsync("b-leeds", "GB");
        await inv.LocationAsync("c-paris", "FR");
        await inv.SetAsync("SPILL", "a-london", 13);
        await inv.SetAsync("SPILL", "b-leeds", 11, safetyStock: 2);
        await inv.SetAsync("SPILL", "c-paris", 50);

        var random = new Random(7);
        var quantities = Enumerable.Range(0, 200).Select(_ => random.Next(1, 4)).ToList();
        using var start = new SemaphoreSlim(0);
        var requests = quantities.Select(quantity => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await inv.Http.PostAsJsonAsync($"{inv.Base}/reservations", new { lines = new[] { new { sku = "SPILL", quantity } }, country = "GB" });
        })).ToList();
        start.Release(quantities.Count);
        var responses = await Task.WhenAll(requests);

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict));
        var held = new List<(string Location, int Quantity)>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            var body = await response.Content.ReadFromJsonAsync<ReservationBody>(Expect.Web);
            held.AddRange(body!.Lines.Select(l => (l.Location, l.Quantity)));
        }
        Assert.DoesNotContain(held, h => h.Location == "c-paris");
        foreach (var location in new[] { "a-london", "b-leeds", "c-paris" })
        {
            var level = await inv.LevelAsync("SPILL", location);
            Assert.Equal(held.Where(h => h.Location == location).Sum(h => h.Quantity), InventoryClient.Int(level, "reserved"));
            Assert.True(InventoryClient.Int(level, "available") >= 0, $"{location} is oversold");
        }
        // 22 sellable units in GB (13 + 11 - 2 safety) against ~400 asked for: more than one location's worth is held.
        var sold = held.Sum(h => h.Quantity);
        Assert.InRange(sold, 14, 22);
        Assert.Equal(22 - sold, InventoryClient.Int(await inv.LevelAsync("SPILL", "a-london"), "available")
            + InventoryClient.Int(await inv.LevelAsync("SPILL", "b-leeds"), "available"));
        Assert.Equal(50, InventoryClient.Int(await inv.LevelAsync("SPILL", "c-paris"), "available"));
    }

    private sealed record ReservationBody(string Id, List<LineBody> Lines);

    private sealed record LineBody(string Sku, string Location, int Quantity);
}
