using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maison.Bench;

/// <summary>The shop the flash sale runs in, and its members' tokens.</summary>
/// <remarks><see cref="WarmupTokens"/>: extra members set up the same way but with one unit of a spread SKU in the cart,
/// whose checkouts warm the server up before the measured rounds (they are not measured).</remarks>
public sealed record FlashSaleShop(string Slug, Guid TenantId, string OwnerToken, string HotSku, string SpreadPrefix, IReadOnlyList<string> MemberTokens,
    IReadOnlyList<string> WarmupTokens)
{
    public async Task<JsonNode> LevelAsync(HttpClient client, string sku)
    {
        var body = await FlashSaleSetup.SendAsync(client, OwnerToken, HttpMethod.Get, $"/api/v1/{Slug}/admin/inventory/{sku}", null);
        return body["levels"]!.AsArray().Single()!;
    }

    /// <summary>Each member's cart becomes one unit of a spread SKU (the hot line removed), shown once so its price counts as seen.</summary>
    public Task RefillCartsAsync(HttpClient client, int spreadSkus) => RefillCartsAsync(client, MemberTokens, spreadSkus, 0);

    /// <summary>As above for <paramref name="tokens"/>, the i-th member taking spread SKU (i + offset) mod <paramref name="spreadSkus"/>.</summary>
    public async Task RefillCartsAsync(HttpClient client, IReadOnlyList<string> tokens, int spreadSkus, int offset)
    {
        Console.Error.WriteLine($"refilling {tokens.Count} carts over {spreadSkus} SKUs…");
        await Parallel.ForEachAsync(tokens.Select((t, i) => (t, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (m, _) =>
        {
            using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/{Slug}/me/cart/items/{HotSku}"))
            {
                delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", m.t);
                using var _r = await client.SendAsync(delete); // 404 for the winners, whose cart was emptied: fine
            }
            await FlashSaleSetup.SendAsync(client, m.t, HttpMethod.Post, $"/api/v1/{Slug}/me/cart/items",
                new { sku = FlashSaleSetup.Sku(SpreadPrefix, (m.i + offset) % spreadSkus), quantity = 1 });
            await FlashSaleSetup.SendAsync(client, m.t, HttpMethod.Get, $"/api/v1/{Slug}/me/cart", null);
        });
    }
}

/// <summary>
/// Arranges the sale through the public API only: tenant, plan, one invitation for everyone, the hot product with K
/// units and the spread products with plenty, then the members — register, sign in, pay the fee with tok_visa, put
/// the hot SKU in the cart and look at it. Password hashing bounds this part (two hashes a member); it is not measured.
/// </summary>
public static class FlashSaleSetup
{
    public static string Sku(string prefix, int i) => $"{prefix}{i:D4}";

    public static async Task<FlashSaleShop> ArrangeAsync(HttpClient client, BenchOptions options, int members, int units, int spreadSkus, int warmup)
    {
        var email = options.Extra.GetValueOrDefault("email", "operator@bench.maison");
        var password = options.Extra.GetValueOrDefault("password", "operator-password");
        var run = Guid.NewGuid().ToString("N")[..8];
        var slug = "sale-" + run;
        var op = await TokenAsync(client, email, password, null);
        var tenant = await SendAsync(client, op, HttpMethod.Post, "/api/v1/platform/tenants",
            new { slug, name = "Flash sale", defaultCurrency = "GBP", currencies = new[] { "GBP" } });
        await SendAsync(client, op, HttpMethod.Post, $"/api/v1/platform/tenants/{slug}/staff",
            new { email = $"owner@{slug}.bench", password = "bench-password-1", role = "owner" });
        var owner = await TokenAsync(client, $"owner@{slug}.bench", "bench-password-1", slug);
        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{slug}/admin/locations", new { code = "main", name = "Main", country = "GB" });
        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{slug}/admin/brands", new { slug = "drop", name = "Drop" });
        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{slug}/admin/membership-plans",
            new { code = "gold", name = "Gold", tier = "gold", fee = new { currency = "GBP", amountMinor = 10_000 }, interval = "year" });
        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{slug}/admin/invitations", new { code = "sale-" + run, maxUses = members + warmup + 10 });

        var hot = "HOT-" + run.ToUpperInvariant();
        var prefix = "S" + run.ToUpperInvariant() + "-";
        Console.Error.WriteLine($"setting up 1 + {spreadSkus} products in tenant {slug}…");
        await ProductAsync(client, owner, slug, hot, units);
        await Parallel.ForEachAsync(Enumerable.Range(0, spreadSkus), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await ProductAsync(client, owner, slug, Sku(prefix, i), 1_000_000));

        Console.Error.WriteLine($"registering {members} active members (+ {warmup} for the warm-up)…");
        var tokens = new ConcurrentBag<string>();
        var warmupTokens = new ConcurrentBag<string>();
        var started = DateTime.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, members + warmup), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            // Warm-up members (the last ones) hold a spread SKU, counted from the end so the measured carts' SKUs get no head start.
            var warming = i >= members;
            var memberEmail = $"m{i}-{run}@bench.test";
            await SendAsync(client, null, HttpMethod.Post, $"/api/v1/{slug}/members",
                new { email = memberEmail, password = "bench-password-1", name = "Member " + i, invitationCode = "sale-" + run });
            var token = await TokenAsync(client, memberEmail, "bench-password-1", slug);
            await SendAsync(client, token, HttpMethod.Post, $"/api/v1/{slug}/me/membership", new { plan = "gold", paymentMethod = new { token = "tok_visa" } });
            var sku = warming ? Sku(prefix, spreadSkus - 1 - (i - members) % spreadSkus) : hot;
            await SendAsync(client, token, HttpMethod.Post, $"/api/v1/{slug}/me/cart/items", new { sku, quantity = 1 });
            await SendAsync(client, token, HttpMethod.Get, $"/api/v1/{slug}/me/cart", null);
            if (warming)
            {
                warmupTokens.Add(token);
                return;
            }
            tokens.Add(token);
            if (tokens.Count % 250 == 0) Console.Error.WriteLine($"  {tokens.Count} members ({(DateTime.UtcNow - started).TotalSeconds:0}s)");
        });
        return new FlashSaleShop(slug, Guid.Parse(tenant["id"]!.GetValue<string>()), owner, hot, prefix, tokens.ToList(), warmupTokens.ToList());
    }

    private static async Task ProductAsync(HttpClient client, string owner, string slug, string sku, int onHand)
    {
        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{slug}/admin/products", new
        {
            slug = sku.ToLowerInvariant(), title = "Drop " + sku, brand = "drop", categories = new[] { "bags" }, status = "active",
            variants = new[] { new { sku, options = new { colour = "black" }, prices = new[] { new { currency = "GBP", amountMinor = 125_000 } } } },
        });
        await SendAsync(client, owner, HttpMethod.Put, $"/api/v1/{slug}/admin/inventory/{sku}/levels/main", new { onHand });
    }

    private static async Task<string> TokenAsync(HttpClient client, string email, string password, string? tenant) =>
        (await SendAsync(client, null, HttpMethod.Post, "/api/v1/auth/token", new { email, password, tenant }))["accessToken"]!.GetValue<string>();

    public static async Task<JsonNode> SendAsync(HttpClient client, string? token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }
}
