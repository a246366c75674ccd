using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maison.Server.Tests.Infrastructure;

/// <summary>
/// Arranges a shop and its real members through the public API: a tenant selling in GBP, JPY and KWD with a London
/// warehouse that ships to GB, JP and KW, a plan, and members who register with an invitation and pay the fee.
/// </summary>
public sealed class ShopApi(Api api)
{
    public const string Password = "member-password-1";
    public const string Plan = "gold-yearly";
    public const string Location = "ldn";

    public Api Api => api;

    public async Task<TestTenant> OpenShopAsync()
    {
        var tenant = await api.CreateTenantAsync(null, "GBP", "JPY", "KWD", "EUR");
        using var owner = api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/membership-plans",
            new { code = Plan, name = "Gold", tier = "gold", fee = new { currency = "GBP", amountMinor = 50000 }, interval = "year" }), HttpStatusCode.Created);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/brands", new { slug = "maison-aurel", name = "Maison Aurel" }),
            HttpStatusCode.Created);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/locations",
            new { code = Location, name = "London", country = "GB", serves = new[] { "JP", "KW" } }), HttpStatusCode.Created);
        return tenant;
    }

    /// <summary>Sets a market's VAT (basis points: 20% = 2000).</summary>
    public async Task TaxAsync(TestTenant tenant, string country, int rateBasisPoints, bool taxInclusive)
    {
        using var owner = api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/tax-rates/{country}", new { rateBasisPoints, taxInclusive }),
            HttpStatusCode.OK);
    }

    /// <summary>A product with one SKU, priced in the currencies given (minor units), and <paramref name="onHand"/> units in London.</summary>
    public Task ProductAsync(TestTenant tenant, string sku, int onHand, params (string Currency, long AmountMinor)[] prices) =>
        ProductAsync(tenant, sku, "bags", onHand, prices);

    public async Task ProductAsync(TestTenant tenant, string sku, string category, int onHand, params (string Currency, long AmountMinor)[] prices)
    {
        using var owner = api.As(tenant.OwnerToken);
        var slug = sku.ToLowerInvariant();
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products", new
        {
            slug, title = "Product " + sku, brand = "maison-aurel", categories = new[] { category }, status = "active",
            variants = new[] { new { sku, options = new { colour = "black" }, prices = prices.Select(p => new { currency = p.Currency, amountMinor = p.AmountMinor }) } },
        }), HttpStatusCode.Created);
        await StockAsync(tenant, sku, onHand);
    }

    public async Task StockAsync(TestTenant tenant, string sku, int onHand)
    {
        using var owner = api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PutAsJsonAsync($"/api/v1/{tenant.Slug}/admin/inventory/{sku}/levels/{Location}", new { onHand }), HttpStatusCode.OK);
    }

    public async Task<JsonNode> LevelAsync(TestTenant tenant, string sku)
    {
        using var owner = api.As(tenant.OwnerToken);
        var body = await Expect.Status(await owner.GetAsync($"/api/v1/{tenant.Slug}/admin/inventory/{sku}"), HttpStatusCode.OK);
        return body["levels"]!.AsArray().Single(l => l!["location"]!.GetValue<string>() == Location)!;
    }

    /// <summary>A real member: registered with an invitation of their own, joined the plan with tok_visa, signed in.</summary>
    public async Task<string> ActiveMemberAsync(TestTenant tenant)
    {
        var code = "inv-" + Guid.NewGuid().ToString("N")[..10];
        using (var owner = api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/invitations", new { code, maxUses = 1 }), HttpStatusCode.Created);
        }
        var email = $"m-{Guid.NewGuid():N}@{tenant.Slug}.test";
        using (var anonymous = api.Anonymous())
        {
            await Expect.Status(await anonymous.PostAsJsonAsync($"/api/v1/{tenant.Slug}/members",
                new { email, password = Password, name = "Member", invitationCode = code }), HttpStatusCode.Created);
        }
        var token = await api.TokenAsync(email, Password, tenant.Slug);
        using var member = api.As(token);
        await Expect.Status(await member.PostAsJsonAsync($"/api/v1/{tenant.Slug}/me/membership", new { plan = Plan, paymentMethod = new { token = "tok_visa" } }),
            HttpStatusCode.Created);
        return token;
    }

    public static Task<HttpResponseMessage> AddAsync(HttpClient member, TestTenant tenant, string sku, int quantity) =>
        member.PostAsJsonAsync($"/api/v1/{tenant.Slug}/me/cart/items", new { sku, quantity });

    public static Task<HttpResponseMessage> SetCurrencyAsync(HttpClient member, TestTenant tenant, string currency, string? country = null) =>
        member.PutAsJsonAsync($"/api/v1/{tenant.Slug}/me/cart", new { currency, country });

    public static Task<HttpResponseMessage> CartAsync(HttpClient member, TestTenant tenant) => member.GetAsync($"/api/v1/{tenant.Slug}/me/cart");

    public static Task<HttpResponseMessage> CheckoutAsync(HttpClient member, TestTenant tenant, string paymentToken, string? key = null, string country = "GB",
        string shippingMethod = "standard")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{tenant.Slug}/me/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { name = "A Member", line1 = "1 Bond Street", city = "London", postalCode = "W1S 1AA", country },
                shippingMethod,
                paymentMethod = new { token = paymentToken },
            }),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return member.SendAsync(request);
    }
}
