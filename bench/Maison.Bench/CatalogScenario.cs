using System.Globalization;
using System.Text.Json;

namespace Maison.Bench;

/// <summary>
/// <c>catalog</c>: the storefront's cached product page and a filtered listing, against the trivial
/// <c>/health/live</c> of the same server in the same run. Needs a tenant with a catalogue (<c>--demo</c> seeds one).
/// Targets (2 cores, PostgreSQL + Redis): product page ≥ 60% of the trivial endpoint's requests/s; listing p99 &lt; 25 ms.
/// </summary>
public static class CatalogScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        using var client = LoadRunner.Client(options.Url, options.Connections);
        var slugs = await SlugsAsync(client, options.Tenant);
        if (slugs.Count == 0) throw new InvalidOperationException($"Tenant '{options.Tenant}' has no products; start the server with --demo.");
        var listings = ListingQueries(options.Tenant);
        var pages = slugs.Select(s => $"/api/v1/{options.Tenant}/products/{s}").ToArray();

        // Warm up: fill the caches once, as a running storefront would have them, then load every case briefly so
        // that tiered JIT has compiled all three paths before any is measured (the first case would pay it alone).
        foreach (var path in pages.Concat(listings)) (await client.GetAsync(path)).EnsureSuccessStatusCode();
        var warmUp = TimeSpan.FromSeconds(Math.Min(3, options.Duration.TotalSeconds));
        string[] mixed = ["/health/live", .. pages, .. listings];
        await LoadRunner.RunAsync("catalog", "warm-up", options.Connections, warmUp, async (_, n) => await OkAsync(client, mixed[n % mixed.Length]));

        var trivial = await LoadRunner.RunAsync("catalog", "GET /health/live (trivial)", options.Connections, options.Duration,
            async (_, _) => await OkAsync(client, "/health/live"));
        var page = await LoadRunner.RunAsync("catalog", "GET /products/{slug} (cached)", options.Connections, options.Duration,
            async (_, n) => await OkAsync(client, pages[n % pages.Length]));
        var listing = await LoadRunner.RunAsync("catalog", "GET /products?brand&category&size", options.Connections, options.Duration,
            async (_, n) => await OkAsync(client, listings[(int)(n % listings.Count)]));

        var ratio = trivial.PerSecond > 0 ? page.PerSecond / trivial.PerSecond : 0;
        return
        [
            trivial,
            page with { Note = $"{ratio.ToString("P0", CultureInfo.InvariantCulture)} of trivial (target ≥ 60%)" },
            listing with { Note = $"p99 {listing.P99Ms.ToString("0.0", CultureInfo.InvariantCulture)} ms (target < 25 ms)" },
        ];
    }

    private static async Task<bool> OkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return response.IsSuccessStatusCode;
    }

    private static async Task<List<string>> SlugsAsync(HttpClient client, string tenant)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/{tenant}/products?limit=100"));
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).Take(50).ToList();
    }

    private static List<string> ListingQueries(string tenant)
    {
        string[] brands = ["maison-aurel", "vellani", "northvale", "casa-orsini", "atelier-noor"];
        string[] filters = ["category=bags", "category=shoes&size=40", "category=ready-to-wear&size=M", "colour=black", "category=jewellery&limit=50"];
        return brands.SelectMany(b => filters.Select(f => $"/api/v1/{tenant}/products?brand={b}&{f}")).ToList();
    }
}
