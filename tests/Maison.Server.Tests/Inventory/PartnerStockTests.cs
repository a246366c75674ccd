using System.Net;
using System.Net.Http.Json;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Server.Tests.Catalog;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Inventory;

public sealed class PartnerStockTests : IAsyncLifetime
{
    private MaisonServer? _server;

    private Api Api => new(_server!);

    public async Task InitializeAsync() => _server = await MaisonServer.StartAsync("partner");

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task<(InventoryClient Admin, HttpClient Partner, string Tenant)> ArrangeAsync(string kind = "logistics", string? brand = null)
    {
        var tenant = await Api.CreateTenantAsync();
        var admin = new InventoryClient(Api.As(tenant.OwnerToken), tenant.Slug);
        await admin.LocationAsync("london");
        await Expect.Status(await admin.Http.PostAsJsonAsync($"{admin.Base}/partners", new { code = "feed", name = "Feed", kind, brand }), HttpStatusCode.Created);
        var key = (await Expect.Status(await admin.Http.PostAsync($"{admin.Base}/partners/feed/api-keys", null), HttpStatusCode.Created))["key"]!.GetValue<string>();
        return (admin, Api.As(key), tenant.Slug);
    }

    private static Task<HttpResponseMessage> PushAsync(HttpClient partner, string tenant, params object[] items) =>
        partner.PutAsJsonAsync($"/api/v1/{tenant}/partner/stock", new { items });

    [Fact]
    public async Task An_older_asOf_than_the_last_applied_is_ignored_and_counted_as_stale()
    {
        var (admin, partner, tenant) = await ArrangeAsync();
        var t0 = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var body = await Expect.Status(await PushAsync(partner, tenant,
            new { sku = "SKU-1", location = "london", onHand = 8, asOf = t0.AddMinutes(5) },
            new { sku = "SKU-1", location = "london", onHand = 3, asOf = t0 },
            new { sku = "SKU-1", location = "london", onHand = 4, asOf = t0.AddMinutes(5) }), HttpStatusCode.OK);
        Assert.Equal(1, InventoryClient.Int(body, "applied"));
        Assert.Equal(2, InventoryClient.Int(body, "ignoredStale"));
        Assert.Equal(8, InventoryClient.Int(await admin.LevelAsync("SKU-1", "london"), "onHand"));

        var later = await Expect.Status(await PushAsync(partner, tenant, new { sku = "SKU-1", location = "london", onHand = 6, asOf = t0.AddMinutes(9) }),
            HttpStatusCode.OK);
        Assert.Equal(1, InventoryClient.Int(later, "applied"));
        var movements = await admin.MovementsAsync("SKU-1");
        Assert.Equal([8, -2], movements.Select(m => InventoryClient.Int(m, "quantity")));
        Assert.All(movements, m => Assert.Equal("sync", m["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_count_below_live_reservations_applies_flags_oversold_risk_and_keeps_the_reservations()
    {
        var (admin, partner, tenant) = await ArrangeAsync();
        await admin.SetAsync("SKU-1", "london", 5);
        var id = await admin.HoldAsync(new[] { new { sku = "SKU-1", quantity = 4 } });

        await Expect.Status(await PushAsync(partner, tenant, new { sku = "SKU-1", location = "london", onHand = 2, asOf = DateTimeOffset.UtcNow }),
            HttpStatusCode.OK);

        var level = await admin.LevelAsync("SKU-1", "london");
        Assert.Equal(2, InventoryClient.Int(level, "onHand"));
        Assert.Equal(4, InventoryClient.Int(level, "reserved"));
        Assert.True(level["oversoldRisk"]!.GetValue<bool>());
        Assert.Equal("held", (await admin.ReservationAsync(id))["status"]!.GetValue<string>());
        Assert.Contains(await EventTypesAsync(tenant), t => t == "stock.oversold_risk");
    }

    [Fact]
    public async Task A_brand_partner_updates_its_own_brands_skus_and_is_refused_others_and_unknown_ones()
    {
        var (admin, partner, tenant) = await ArrangeAsync("brand", "aurel");
        // The real catalogue says whose each SKU is.
        await CatalogData.BrandAsync(admin.Http, tenant, "aurel");
        await CatalogData.BrandAsync(admin.Http, tenant, "velour");
        await CatalogData.ProductAsync(admin.Http, tenant, CatalogData.Product("aurel-one", "aurel", "Aurel One", "AUR-1", 10_000));
        await CatalogData.ProductAsync(admin.Http, tenant, CatalogData.Product("aurel-two", "aurel", "Aurel Two", "AUR-2", 10_000, status: "draft"));
        await CatalogData.ProductAsync(admin.Http, tenant, CatalogData.Product("velour-one", "velour", "Velour One", "VEL-1", 10_000));
        var now = DateTimeOffset.UtcNow;
        var body = await Expect.Status(await PushAsync(partner, tenant,
            new { sku = "AUR-1", location = "london", onHand = 5, asOf = now },
            new { sku = "VEL-1", location = "london", onHand = 9, asOf = now },
            new { sku = "NOPE-1", location = "london", onHand = 9, asOf = now },
            new { sku = "AUR-2", location = "nowhere", onHand = 9, asOf = now }), HttpStatusCode.OK);

        Assert.Equal(1, InventoryClient.Int(body, "applied"));
        var rejected = body["rejected"]!.AsArray().Select(r => (r!["sku"]!.GetValue<string>(), r["code"]!.GetValue<string>())).ToList();
        Assert.Equal([("VEL-1", "forbidden"), ("NOPE-1", "unknown_sku"), ("AUR-2", "unknown_location")], rejected);
        Assert.Equal(5, InventoryClient.Int(await admin.LevelAsync("AUR-1", "london"), "onHand"));
        Assert.Empty((await admin.LevelsAsync("VEL-1"))["levels"]!.AsArray());
        Assert.Empty((await admin.LevelsAsync("NOPE-1"))["levels"]!.AsArray());
    }

    [Fact]
    public async Task Staff_tokens_cannot_use_the_partner_route()
    {
        var (admin, _, tenant) = await ArrangeAsync();
        var response = await PushAsync(admin.Http, tenant, new { sku = "SKU-1", location = "london", onHand = 1, asOf = DateTimeOffset.UtcNow });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<List<string>> EventTypesAsync(string tenantSlug)
    {
        await using var scope = _server!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var tenantId = (await scope.ServiceProvider.GetRequiredService<Maison.Commerce.Tenancy.Contracts.ITenantDirectory>()
            .FindBySlugAsync(tenantSlug, default))!.Id;
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.TenantId == tenantId).Select(m => m.Type).ToListAsync();
    }
}
