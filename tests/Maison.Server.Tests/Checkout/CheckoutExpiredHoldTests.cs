using System.Net;
using Maison.Server.Hosting;
using Maison.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Checkout;

/// <summary>
/// A payment whose outcome was lost, found authorized only after the stock hold expired: the money goes back and the
/// order fails, rather than selling units the shop may no longer have.
/// </summary>
public sealed class CheckoutExpiredHoldTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private ShopApi Shop => fixture.Shop;

    [Fact]
    public async Task A_payment_found_authorized_after_the_hold_expired_is_voided_and_the_order_fails_with_no_stock_sold()
    {
        var tenant = await Shop.OpenShopAsync();
        var sku = "HOLD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        const long price = 66_601;
        await Shop.ProductAsync(tenant, sku, 3, ("GBP", price));
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, 1), HttpStatusCode.OK);
        var key = "hold-" + Guid.NewGuid();

        // The gateway authorizes but its answer is lost: the order waits with one unit held.
        await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", key), HttpStatusCode.ServiceUnavailable, "payment_pending");
        Assert.Equal(1, (await Shop.LevelAsync(tenant, sku))["reserved"]!.GetValue<int>());

        // Twenty minutes later (holds last fifteen) the expiry job releases the unit.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(20));
        await using (var worker = await MaisonServer.StartAsync(connectionString: fixture.Server.ConnectionString,
                         settings: CheckoutFixture.Settings(fixture.Sandbox), configure: b => b.Services.AddSingleton<TimeProvider>(later)))
        await using (var scope = worker.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecurringJobRunner>().RunAsync("inventory-reservation-expiry", default);
        }
        Assert.Equal(0, (await Shop.LevelAsync(tenant, sku))["reserved"]!.GetValue<int>());

        // The member retries with the same key: the payment is found authorized, but the hold is gone.
        var refused = await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", key), HttpStatusCode.Conflict, "out_of_stock");
        Assert.Equal(sku, Assert.Single(refused["skus"]!.AsArray())!.GetValue<string>());

        var authorization = Assert.Single(fixture.Sandbox.Ledger.Authorizations.Values, a => a.Token == "tok_timeout" && a.Amount == price);
        Assert.Equal("voided", authorization.Status);
        Assert.Equal(0, authorization.Captured);
        var level = await Shop.LevelAsync(tenant, sku);
        Assert.Equal(3, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        var mine = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/orders"), HttpStatusCode.OK);
        Assert.Equal("payment_failed", Assert.Single(mine["items"]!.AsArray())!["status"]!.GetValue<string>());
        var cart = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        Assert.False(cart["checkoutInProgress"]!.GetValue<bool>());
    }
}
