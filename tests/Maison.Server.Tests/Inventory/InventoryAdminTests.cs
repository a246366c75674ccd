using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Inventory;

public sealed class InventoryAdminTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private async Task<InventoryClient> ClientAsync()
    {
        var tenant = await _api.CreateTenantAsync();
        return new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
    }

    [Fact]
    public async Task A_level_set_through_the_admin_api_reads_back_with_available_units()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("london");
        await inv.SetAsync("AUR-LUNE-BLK", "london", 10, safetyStock: 2);

        var body = await inv.LevelsAsync("AUR-LUNE-BLK");
        Assert.Equal("AUR-LUNE-BLK", body["sku"]!.GetValue<string>());
        var level = body["levels"]!.AsArray().Single()!;
        Assert.Equal("london", level["location"]!.GetValue<string>());
        Assert.Equal(10, InventoryClient.Int(level, "onHand"));
        Assert.Equal(0, InventoryClient.Int(level, "reserved"));
        Assert.Equal(8, InventoryClient.Int(level, "available"));
    }

    [Fact]
    public async Task Every_change_of_on_hand_is_a_ledger_row_whose_sum_is_on_hand()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("paris", "FR");
        await inv.SetAsync("SKU-1", "paris", 10, reason: "first receipt");
        await inv.SetAsync("SKU-1", "paris", 7, reason: "damaged");
        var id = await inv.HoldAsync(new[] { new { sku = "SKU-1", quantity = 3 } });
        await Expect.Status(await inv.CommitAsync(id), HttpStatusCode.OK);

        var movements = await inv.MovementsAsync("SKU-1");
        Assert.Equal([10, -3, -3], movements.Select(m => InventoryClient.Int(m, "quantity")));
        Assert.Equal(["adjustment", "adjustment", "sale"], movements.Select(m => m["kind"]!.GetValue<string>()));
        Assert.Equal("damaged", movements[1]["reason"]!.GetValue<string>());
        Assert.StartsWith("staff:", movements[1]["source"]!.GetValue<string>());
        var level = await inv.LevelAsync("SKU-1", "paris");
        Assert.Equal(4, InventoryClient.Int(level, "onHand"));
        Assert.Equal(0, InventoryClient.Int(level, "reserved"));
    }

    [Fact]
    public async Task A_level_at_an_unknown_location_is_404_and_a_duplicate_location_is_409()
    {
        using var inv = await ClientAsync();
        await Expect.Problem(await inv.Http.PutAsJsonAsync($"{inv.Base}/inventory/SKU-1/levels/nowhere", new { onHand = 1 }),
            HttpStatusCode.NotFound, "not_found");
        await inv.LocationAsync("milan", "IT");
        await Expect.Problem(await inv.Http.PostAsJsonAsync($"{inv.Base}/locations", new { code = "milan", name = "Again", country = "IT" }),
            HttpStatusCode.Conflict, "code_taken");
    }

    [Fact]
    public async Task A_negative_on_hand_is_a_validation_error()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("london");
        await Expect.Problem(await inv.Http.PutAsJsonAsync($"{inv.Base}/inventory/SKU-1/levels/london", new { onHand = -1 }),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_reservation_holds_units_until_released_and_commit_turns_them_into_a_sale()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("london");
        await inv.SetAsync("BAG", "london", 5);

        var first = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 2 } });
        var held = await inv.ReservationAsync(first);
        Assert.Equal("held", held["status"]!.GetValue<string>());
        Assert.Equal("london", held["lines"]![0]!["location"]!.GetValue<string>());
        Assert.Equal(3, InventoryClient.Int(await inv.LevelAsync("BAG", "london"), "available"));

        await Expect.Status(await inv.ReleaseAsync(first), HttpStatusCode.OK);
        Assert.Equal(5, InventoryClient.Int(await inv.LevelAsync("BAG", "london"), "available"));
        await Expect.Problem(await inv.CommitAsync(first), HttpStatusCode.Conflict, "invalid_transition");

        var second = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 5 } });
        var committed = await Expect.Status(await inv.CommitAsync(second), HttpStatusCode.OK);
        Assert.Equal("committed", committed["status"]!.GetValue<string>());
        await Expect.Problem(await inv.ReleaseAsync(second), HttpStatusCode.Conflict, "invalid_transition");
        var level = await inv.LevelAsync("BAG", "london");
        Assert.Equal(0, InventoryClient.Int(level, "onHand"));
        Assert.Equal(0, InventoryClient.Int(level, "reserved"));
    }

    [Fact]
    public async Task A_reservation_that_cannot_cover_every_line_holds_nothing_and_names_the_short_skus()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("london");
        await inv.SetAsync("A", "london", 5);
        await inv.SetAsync("B", "london", 1);

        var problem = await Expect.Problem(await inv.ReserveAsync(new[] { new { sku = "A", quantity = 2 }, new { sku = "B", quantity = 2 } }),
            HttpStatusCode.Conflict, "out_of_stock");
        Assert.Equal(["B"], problem["skus"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(0, InventoryClient.Int(await inv.LevelAsync("A", "london"), "reserved"));
    }

    [Fact]
    public async Task Safety_stock_is_never_reserved()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("london");
        await inv.SetAsync("A", "london", 5, safetyStock: 4);
        await Expect.Problem(await inv.ReserveAsync(new[] { new { sku = "A", quantity = 2 } }), HttpStatusCode.Conflict, "out_of_stock");
        await inv.HoldAsync(new[] { new { sku = "A", quantity = 1 } });
    }

    [Fact]
    public async Task One_location_that_can_ship_everything_is_chosen_before_splitting()
    {
        using var inv = await ClientAsync();
        await inv.LocationAsync("a-london");
        await inv.LocationAsync("b-leeds");
        await inv.SetAsync("A", "a-london", 5);
        await inv.SetAsync("B", "a-london", 1);
        await inv.SetAsync("A", "b-leeds", 2);
        await inv.SetAsync("B", "b-leeds", 2);

        var both = await inv.ReservationAsync(await inv.HoldAsync(new[] { new { sku = "A", quantity = 2 }, new { sku = "B", quantity = 2 } }));
        Assert.All(both["lines"]!.AsArray(), l => Assert.Equal("b-leeds", l!["location"]!.GetValue<string>()));

        // London has 5 of A free and Leeds 2 (4 on hand, 2 held): 7 of A needs both, the fuller first.
        await inv.SetAsync("A", "b-leeds", 4);
        var split = await inv.ReservationAsync(await inv.HoldAsync(new[] { new { sku = "A", quantity = 7 } }));
        var lines = split["lines"]!.AsArray().Select(l => (l!["location"]!.GetValue<string>(), InventoryClient.Int(l, "quantity"))).ToList();
        Assert.Equal([("a-london", 5), ("b-leeds", 2)], lines);
    }
}
