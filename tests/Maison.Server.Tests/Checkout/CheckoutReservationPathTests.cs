using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Catalog.Caching;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Tenancy;
using Maison.Server.Tests.Events;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Checkout;

/// <summary>
/// The two ways checkout holds stock (ADR 0018): on PostgreSQL a one-line cart is reserved inside the order's own batch,
/// and when no single location can hold the line the general path takes over, splitting it across locations; the hold
/// still signals a sold-out SKU.
/// </summary>
public sealed class CheckoutReservationPathTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>, IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();

    private ShopApi Shop => fixture.Shop;

    public Task InitializeAsync() => _receiver.InitializeAsync();

    public Task DisposeAsync() => _receiver.DisposeAsync();

    [Fact]
    public async Task A_line_no_single_location_can_hold_is_split_across_two_and_the_order_confirms()
    {
        var tenant = await Shop.OpenShopAsync();
        var sku = "SPLIT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Shop.ProductAsync(tenant, sku, 1, ("GBP", 40_000));
        using (var owner = fixture.Api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/locations",
                new { code = "par", name = "Paris", country = "FR", serves = new[] { "GB" } }), HttpStatusCode.Created);
            await Expect.Status(await owner.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/inventory/{sku}/levels/par", new { onHand = 1 }), HttpStatusCode.OK);
        }
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, 2), HttpStatusCode.OK);

        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "split-" + Guid.NewGuid()), HttpStatusCode.Created);

        Assert.Equal("confirmed", order["status"]!.GetValue<string>());
        Assert.Equal(2, Assert.Single(order["lines"]!.AsArray())!["quantity"]!.GetValue<int>());
        using var staff = fixture.Api.As(tenant.OwnerToken);
        var stock = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/inventory/{sku}"), HttpStatusCode.OK);
        var levels = stock["levels"]!.AsArray().Select(l => (l!["location"]!.GetValue<string>(), l["onHand"]!.GetValue<int>(), l["reserved"]!.GetValue<int>()))
            .OrderBy(l => l.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal([("ldn", 0, 0), ("par", 0, 0)], levels);
    }

    [Fact]
    public async Task A_checkout_holding_the_last_unit_signals_the_sku_sold_out_while_its_payment_is_pending()
    {
        var tenant = await Shop.OpenShopAsync();
        var sku = "LAST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Shop.ProductAsync(tenant, sku, 1, ("GBP", 55_000));
        var path = await SubscribeAsync(tenant, "stock.sold_out");

        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, 1), HttpStatusCode.OK);
        // The payment's outcome is lost: nothing is sold (no stock change is committed), the last unit is only held.
        await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", "last-" + Guid.NewGuid()), HttpStatusCode.ServiceUnavailable,
            "payment_pending");
        var level = await Shop.LevelAsync(tenant, sku);
        Assert.Equal((1, 1), (level["onHand"]!.GetValue<int>(), level["reserved"]!.GetValue<int>()));

        // The hold itself says the SKU has nothing left to sell, right after the order's batch committed it (ADR 0020).
        var clock = Stopwatch.StartNew();
        while (_receiver.Count(path) == 0 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);
        var body = JsonNode.Parse(Assert.Single(_receiver.Requests, r => r.Path == path).Body)!;
        Assert.Equal("stock.sold_out", body["type"]!.GetValue<string>());
        Assert.Equal(sku, body["data"]!["sku"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_confirmed_checkout_reports_the_sale_as_a_stock_change_of_its_level()
    {
        var tenant = await Shop.OpenShopAsync();
        var sku = "SOLD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Shop.ProductAsync(tenant, sku, 3, ("GBP", 45_000));
        var path = await SubscribeAsync(tenant, "stock.changed");
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, 1), HttpStatusCode.OK);

        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "sold-" + Guid.NewGuid()), HttpStatusCode.Created);
        Assert.Equal("confirmed", order["status"]!.GetValue<string>());

        // The sale: on-hand and reserved drop together (the stock count before it may arrive too, with on-hand 3).
        JsonNode? sale = null;
        var clock = Stopwatch.StartNew();
        while (sale is null && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            sale = _receiver.Requests.Where(r => r.Path == path).Select(r => JsonNode.Parse(r.Body)!)
                .FirstOrDefault(b => b["data"]!["onHand"]!.GetValue<int>() == 2);
            if (sale is null) await Task.Delay(100);
        }
        Assert.NotNull(sale);
        Assert.Equal("stock.changed", sale["type"]!.GetValue<string>());
        var data = sale["data"]!;
        Assert.Equal((sku, "ldn", 2, 0, 2, 0), (data["sku"]!.GetValue<string>(), data["location"]!.GetValue<string>(), data["onHand"]!.GetValue<int>(),
            data["reserved"]!.GetValue<int>(), data["available"]!.GetValue<int>(), data["availableChange"]!.GetValue<int>()));
        Assert.Single(_receiver.Requests, r => r.Path == path && JsonNode.Parse(r.Body)!["data"]!["onHand"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task A_sale_leaves_the_storefront_cache_in_place_and_a_count_retires_it()
    {
        var tenant = await Shop.OpenShopAsync();
        var sku = "WARM-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Shop.ProductAsync(tenant, sku, 5, ("GBP", 35_000));
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, 1), HttpStatusCode.OK);
        var tenantId = await TenantIdAsync(tenant.Slug);
        var versions = fixture.Server.Services.GetRequiredService<ICatalogVersions>();
        await DeliveredAsync(tenantId);
        var before = await versions.CurrentAsync(tenantId);

        // The sale moves on-hand and reserved together: what the storefront shows cannot have changed.
        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "warm-" + Guid.NewGuid()), HttpStatusCode.Created);
        Assert.Equal("confirmed", order["status"]!.GetValue<string>());
        await DeliveredAsync(tenantId);
        Assert.Equal(before, await versions.CurrentAsync(tenantId));
        Assert.Equal(4, (await Shop.LevelAsync(tenant, sku))["onHand"]!.GetValue<int>());

        // A count moves what can be sold: the tenant's cached pages retire.
        using (var owner = fixture.Api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/inventory/{sku}/levels/ldn", new { onHand = 1 }), HttpStatusCode.OK);
        }
        await DeliveredAsync(tenantId);
        Assert.NotEqual(before, await versions.CurrentAsync(tenantId));
    }

    private async Task<Guid> TenantIdAsync(string slug)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        return await db.Set<Tenant>().IgnoreQueryFilters().Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }

    /// <summary>Waits until the relay has delivered every message of the tenant's (its handlers have all run).</summary>
    private Task DeliveredAsync(Guid tenantId) =>
        Effects.WaitUntilAsync(async () =>
        {
            await using var scope = fixture.Server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
            return !await db.Set<OutboxMessage>().IgnoreQueryFilters().AnyAsync(m => m.TenantId == tenantId && m.ProcessedAt == null);
        }, TimeSpan.FromSeconds(60), "the tenant's outbox was delivered");

    /// <summary>A webhook of the tenant's for <paramref name="eventType"/>, to this test's receiver; answers the path it posts to.</summary>
    private async Task<string> SubscribeAsync(TestTenant tenant, string eventType)
    {
        var path = "/" + eventType.Replace('.', '-') + "-" + Guid.NewGuid().ToString("N");
        using var owner = fixture.Api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
            new { url = new Uri(_receiver.BaseAddress, path).ToString(), events = new[] { eventType }, secret = "whsec-test-0123456789abcdef" }),
            HttpStatusCode.Created);
        return path;
    }
}
