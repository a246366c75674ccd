using System.Net;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Inventory;

public sealed class AvailabilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Availability_counts_only_locations_serving_the_market_and_grades_it()
    {
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london", "GB");
        await inv.LocationAsync("paris", "FR", "BE");
        await inv.SetAsync("A", "london", 10);
        await inv.SetAsync("A", "paris", 2);
        await inv.SetAsync("B", "london", 3, safetyStock: 1);
        await inv.SetAsync("C", "paris", 9);

        var gb = await WithTenantAsync(tenant.Slug, sp => sp.GetRequiredService<IAvailability>().ForSkusAsync(["A", "B", "C", "D"], "GB", default));
        Assert.Equal((StockStatus.InStock, 10), (gb["A"].Status, gb["A"].Available));
        Assert.Equal((StockStatus.Low, 2), (gb["B"].Status, gb["B"].Available));
        Assert.Equal(StockStatus.SoldOut, gb["C"].Status);
        Assert.Equal(StockStatus.SoldOut, gb["D"].Status);

        var be = await WithTenantAsync(tenant.Slug, sp => sp.GetRequiredService<IAvailability>().ForSkusAsync(["A", "C"], "be", default));
        Assert.Equal((StockStatus.Low, 2), (be["A"].Status, be["A"].Available));
        Assert.Equal(StockStatus.InStock, be["C"].Status);
    }

    [Fact]
    public async Task Taking_the_last_unit_publishes_sold_out_and_releasing_it_back_in_stock()
    {
        var tenant = await _api.CreateTenantAsync();
        using var inv = new InventoryClient(_api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.SetAsync("LAST", "london", 1);
        var id = await inv.HoldAsync(new[] { new { sku = "LAST", quantity = 1 } });
        // The first count already said "back in stock" (from nothing); what matters is what follows it.
        Assert.Equal("stock.sold_out", (await EventTypesAsync(tenant.Slug))[^1]);

        await Expect.Status(await inv.ReleaseAsync(id), HttpStatusCode.OK);
        var types = await EventTypesAsync(tenant.Slug);
        Assert.True(types.LastIndexOf("stock.back_in_stock") > types.LastIndexOf("stock.sold_out"), string.Join(", ", types));
        Assert.True(types.LastIndexOf("stock.changed") > types.LastIndexOf("stock.sold_out"), string.Join(", ", types));
    }

    private async Task<List<string>> EventTypesAsync(string slug) =>
        await WithTenantAsync(slug, sp => sp.GetRequiredService<CommerceDb>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.TenantId == sp.GetRequiredService<TenantContext>().Required).OrderBy(m => m.Sequence).Select(m => m.Type).ToListAsync());

    private async Task<T> WithTenantAsync<T>(string slug, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _api.Server.Services.CreateAsyncScope();
        var info = (await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(slug, default))!;
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(info.Id, info.Slug);
        return await work(scope.ServiceProvider);
    }
}
