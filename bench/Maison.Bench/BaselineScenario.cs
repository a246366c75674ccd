using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maison.Bench;

/// <summary>
/// <c>baseline</c>: the floor of the same server, to compare real pages against. The trivial <c>/health/live</c>, and
/// an authenticated staff GET doing one indexed query (<c>/admin/inventory/{sku}</c>: JWT, tenant resolution, a
/// permission, one DbContext, one SELECT), which is what every admin, member and partner request pays at least.
/// Needs the demo tenant (<c>--demo</c>) for the second case; its owner's credentials are the demo defaults.
/// </summary>
public static class BaselineScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        using var client = LoadRunner.Client(options.Url, options.Connections);
        var token = await OwnerTokenAsync(client, options);
        var sku = await SomeSkuAsync(client, options.Tenant);
        var inventory = $"/api/v1/{options.Tenant}/admin/inventory/{Uri.EscapeDataString(sku)}";

        // Warm-up so that tiered JIT has compiled both paths and the pools are filled before anything is measured.
        var warmUp = TimeSpan.FromSeconds(Math.Min(3, options.Duration.TotalSeconds));
        await LoadRunner.RunAsync("baseline", "warm-up", options.Connections, warmUp,
            async (_, n) => n % 2 == 0 ? await OkAsync(client, "/health/live", null) : await OkAsync(client, inventory, token));

        var live = await LoadRunner.RunAsync("baseline", "GET /health/live", options.Connections, options.Duration,
            async (_, _) => await OkAsync(client, "/health/live", null));
        var staff = await LoadRunner.RunAsync("baseline", "GET /admin/inventory/{sku} (JWT, 1 query)", options.Connections, options.Duration,
            async (_, _) => await OkAsync(client, inventory, token));
        var ratio = live.PerSecond > 0 ? staff.PerSecond / live.PerSecond : 0;
        return [live, staff with { Note = $"{ratio.ToString("P0", CultureInfo.InvariantCulture)} of trivial" }];
    }

    private static async Task<bool> OkAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return response.IsSuccessStatusCode;
    }

    private static async Task<string> OwnerTokenAsync(HttpClient client, BenchOptions options)
    {
        var email = options.Extra.GetValueOrDefault("owner-email", "owner@demo.maison.test");
        var password = options.Extra.GetValueOrDefault("owner-password", "demo-owner-password");
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password, tenant = options.Tenant });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"login as {email}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["accessToken"]!.GetValue<string>();
    }

    private static async Task<string> SomeSkuAsync(HttpClient client, string tenant)
    {
        var listing = JsonNode.Parse(await client.GetStringAsync($"/api/v1/{tenant}/products?limit=1"))!;
        var slug = listing["items"]![0]!["slug"]!.GetValue<string>();
        var page = JsonNode.Parse(await client.GetStringAsync($"/api/v1/{tenant}/products/{slug}"))!;
        return page["variants"]![0]!["sku"]!.GetValue<string>();
    }
}
