using System.Net;
using System.Text.Json.Nodes;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Checkout;

/// <summary>The place-order saga end to end over HTTP, with real members and the sandbox gateway's every token.</summary>
public sealed class CheckoutTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private ShopApi Shop => fixture.Shop;

    private async Task<(TestTenant Tenant, HttpClient Member, string Sku)> ShopWithCartAsync(int onHand = 5, int quantity = 2, long price = 125_000)
    {
        var tenant = await Shop.OpenShopAsync();
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Shop.ProductAsync(tenant, sku, onHand, ("GBP", price));
        var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, sku, quantity), HttpStatusCode.OK);
        await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        return (tenant, member, sku);
    }

    private int AuthorizationsWith(string token) => fixture.Sandbox.Ledger.Authorizations.Values.Count(a => a.Token == token);

    [Fact]
    public async Task The_cart_is_priced_from_the_price_book_with_uk_vat_extracted_and_live_availability()
    {
        var tenant = await Shop.OpenShopAsync();
        await Shop.TaxAsync(tenant, "GB", 2000, true);
        await Shop.ProductAsync(tenant, "CART-A", 3, ("GBP", 125_000));
        await Shop.ProductAsync(tenant, "CART-B", 10, ("GBP", 999));
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "CART-A", 1), HttpStatusCode.OK);
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "CART-B", 2), HttpStatusCode.OK);
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "CART-B", 1), HttpStatusCode.OK);

        var cart = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);

        var totals = cart["totals"]!;
        Assert.Equal(125_000 + 3 * 999, totals["subtotal"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal(125_000 + 3 * 999, totals["total"]!["amountMinor"]!.GetValue<long>());
        // round(125000 × 20/120) + round(2997 × 20/120) = 20833 + 500
        Assert.Equal(20_833 + 500, totals["tax"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal("GBP", totals["total"]!["currency"]!.GetValue<string>());
        var lineB = cart["lines"]!.AsArray().Single(l => l!["sku"]!.GetValue<string>() == "CART-B")!;
        Assert.Equal(3, lineB["quantity"]!.GetValue<int>());
        Assert.Equal(10, lineB["available"]!.GetValue<int>());

        await Expect.Status(await member.DeleteAsync($"/api/v1/{tenant.Slug}/me/cart/items/CART-B"), HttpStatusCode.OK);
        var after = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        Assert.Single(after["lines"]!.AsArray());
    }

    [Fact]
    public async Task Tok_visa_places_a_confirmed_order_commits_the_stock_and_empties_the_cart()
    {
        var (tenant, member, sku) = await ShopWithCartAsync(onHand: 5, quantity: 2);

        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "k-" + Guid.NewGuid()), HttpStatusCode.Created);

        Assert.Equal("confirmed", order["status"]!.GetValue<string>());
        Assert.Equal("GBP", order["currency"]!.GetValue<string>());
        Assert.Equal(250_000, order["totals"]!["total"]!["amountMinor"]!.GetValue<long>());
        Assert.StartsWith("MO-", order["number"]!.GetValue<string>());
        var level = await Shop.LevelAsync(tenant, sku);
        Assert.Equal(3, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        var cart = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        Assert.Empty(cart["lines"]!.AsArray());

        var id = order["id"]!.GetValue<string>();
        var mine = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/orders"), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(mine["items"]!.AsArray())!["id"]!.GetValue<string>());
        await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/orders/{id}"), HttpStatusCode.OK);
        using var staff = fixture.Api.As(tenant.OwnerToken);
        var confirmed = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/orders?status=confirmed"), HttpStatusCode.OK);
        Assert.Single(confirmed["items"]!.AsArray());
        var pending = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/orders?status=pending_payment"), HttpStatusCode.OK);
        Assert.Empty(pending["items"]!.AsArray());
        var one = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/orders/{id}"), HttpStatusCode.OK);
        Assert.DoesNotContain("tok_visa", one.ToJsonString());
    }

    [Theory]
    [InlineData("tok_declined", "card_declined")]
    [InlineData("tok_insufficient_funds", "insufficient_funds")]
    [InlineData("tok_error", "processing_error")]
    public async Task A_declined_or_failing_payment_is_402_releases_the_stock_and_fails_the_order(string token, string declineCode)
    {
        var (tenant, member, sku) = await ShopWithCartAsync(onHand: 5, quantity: 2);

        var problem = await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, token, "k-" + Guid.NewGuid()), HttpStatusCode.PaymentRequired,
            "payment_declined");

        Assert.Equal(declineCode, problem["declineCode"]!.GetValue<string>());
        var level = await Shop.LevelAsync(tenant, sku);
        Assert.Equal(5, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        using var staff = fixture.Api.As(tenant.OwnerToken);
        var failed = await Expect.Status(await staff.GetAsync($"/api/v1/{tenant.Slug}/admin/orders?status=payment_failed"), HttpStatusCode.OK);
        Assert.Single(failed["items"]!.AsArray());
        // The cart is kept and free again: another card works.
        await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "k-" + Guid.NewGuid()), HttpStatusCode.Created);
        Assert.Equal(3, (await Shop.LevelAsync(tenant, sku))["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tok_timeout_is_503_with_the_stock_held_and_the_retry_with_the_same_key_confirms_one_order_with_one_authorization()
    {
        var (tenant, member, sku) = await ShopWithCartAsync(onHand: 5, quantity: 1, price: 77_700);
        var key = "k-" + Guid.NewGuid();
        var before = AuthorizationsWith("tok_timeout");

        await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", key), HttpStatusCode.ServiceUnavailable, "payment_pending");
        Assert.Equal(1, (await Shop.LevelAsync(tenant, sku))["reserved"]!.GetValue<int>());
        // Another key meanwhile is refused: this cart's checkout is still in flight.
        await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_visa", "other-" + Guid.NewGuid()), HttpStatusCode.Conflict,
            "checkout_in_progress");

        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", key), HttpStatusCode.Created);

        Assert.Equal("confirmed", order["status"]!.GetValue<string>());
        Assert.Equal(before + 1, AuthorizationsWith("tok_timeout"));
        var level = await Shop.LevelAsync(tenant, sku);
        Assert.Equal(4, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        var replay = await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before + 1, AuthorizationsWith("tok_timeout"));
        var mine = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/orders"), HttpStatusCode.OK);
        Assert.Single(mine["items"]!.AsArray());
    }

    [Fact]
    public async Task Tok_timeout_nobody_retries_is_finished_by_the_recovery_job()
    {
        var (tenant, member, sku) = await ShopWithCartAsync(onHand: 5, quantity: 1, price: 55_500);
        await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_timeout", "k-" + Guid.NewGuid()), HttpStatusCode.ServiceUnavailable,
            "payment_pending");

        // A job server that takes over pending orders at once (the setting is minutes in production).
        await using var worker = await MaisonServer.StartAsync(connectionString: fixture.Server.ConnectionString,
            settings: new Dictionary<string, string?>(CheckoutFixture.Settings(fixture.Sandbox)) { ["Maison:Checkout:RecoverAfterSeconds"] = "0" });
        await using (var scope = worker.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Maison.Commerce.Checkout.CheckoutRecoveryJob>().RunAsync(default);
        }

        var mine = await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/orders"), HttpStatusCode.OK);
        Assert.Equal("confirmed", Assert.Single(mine["items"]!.AsArray())!["status"]!.GetValue<string>());
        var level = await Shop.LevelAsync(tenant, sku);
        Assert.Equal(4, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        // The cart is free again.
        var cart = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        Assert.False(cart["checkoutInProgress"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Checkout_refusals_have_their_codes()
    {
        var tenant = await Shop.OpenShopAsync();
        await Shop.ProductAsync(tenant, "RARE-1", 1, ("GBP", 10_000));
        using var member = fixture.Api.As(await Shop.ActiveMemberAsync(tenant));

        await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_visa"), HttpStatusCode.UnprocessableEntity, "cart_empty");

        await Expect.Status(await ShopApi.AddAsync(member, tenant, "RARE-1", 2), HttpStatusCode.OK);
        await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        var short_ = await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_visa"), HttpStatusCode.Conflict, "out_of_stock");
        Assert.Equal("RARE-1", Assert.Single(short_["skus"]!.AsArray())!.GetValue<string>());
        Assert.Equal(0, (await Shop.LevelAsync(tenant, "RARE-1"))["reserved"]!.GetValue<int>());

        await Expect.Status(await member.DeleteAsync($"/api/v1/{tenant.Slug}/me/cart/items/RARE-1"), HttpStatusCode.OK);
        await Expect.Status(await ShopApi.AddAsync(member, tenant, "RARE-1", 1), HttpStatusCode.OK);
        using (var owner = fixture.Api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PatchAsync($"/api/v1/{tenant.Slug}/admin/products/rare-1", JsonContent(new JsonObject
            {
                ["variants"] = new JsonArray(new JsonObject
                {
                    ["sku"] = "RARE-1", ["options"] = new JsonObject { ["colour"] = "black" },
                    ["prices"] = new JsonArray(new JsonObject { ["currency"] = "GBP", ["amountMinor"] = 12_000 }),
                }),
            })), HttpStatusCode.OK);
        }
        var moved = await Expect.Problem(await ShopApi.CheckoutAsync(member, tenant, "tok_visa"), HttpStatusCode.Conflict, "price_changed");
        Assert.Equal("RARE-1", Assert.Single(moved["skus"]!.AsArray())!.GetValue<string>());
        // Once the member has seen the new price, checkout goes through at that price.
        var cart = await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
        Assert.Equal(12_000, cart["totals"]!["total"]!["amountMinor"]!.GetValue<long>());
        var order = await Expect.Status(await ShopApi.CheckoutAsync(member, tenant, "tok_visa"), HttpStatusCode.Created);
        Assert.Equal(12_000, order["totals"]!["total"]!["amountMinor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Members_without_an_active_membership_get_membership_required()
    {
        var tenant = await Shop.OpenShopAsync();
        var email = $"applicant-{Guid.NewGuid():N}@{tenant.Slug}.test";
        using (var anonymous = fixture.Api.Anonymous())
        {
            await Expect.Status(await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(anonymous, $"/api/v1/{tenant.Slug}/members",
                new { email, password = ShopApi.Password, name = "Applicant" }), HttpStatusCode.Created);
        }
        using var applicant = fixture.Api.As(await fixture.Api.TokenAsync(email, ShopApi.Password, tenant.Slug));

        await Expect.Problem(await ShopApi.CartAsync(applicant, tenant), HttpStatusCode.Forbidden, "membership_required");
        await Expect.Problem(await ShopApi.AddAsync(applicant, tenant, "ANY", 1), HttpStatusCode.Forbidden, "membership_required");
        await Expect.Problem(await ShopApi.CheckoutAsync(applicant, tenant, "tok_visa"), HttpStatusCode.Forbidden, "membership_required");
    }

    private static StringContent JsonContent(JsonNode node) => Api.Json(node.ToJsonString());
}
