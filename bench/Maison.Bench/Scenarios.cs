namespace Maison.Bench;

/// <summary>The named scenarios; each issue that makes a path fast adds its own here.</summary>
public static class Scenarios
{
    public delegate Task<IReadOnlyList<BenchResult>> Scenario(BenchOptions options);

    public static readonly IReadOnlyDictionary<string, Scenario> All = new Dictionary<string, Scenario>(StringComparer.Ordinal)
    {
        ["baseline"] = Baseline,
        ["membership"] = MembershipScenario.RunAsync,
        ["catalog"] = CatalogScenario.RunAsync,
        ["reserve"] = ReserveScenario.RunAsync,
        ["outbox"] = OutboxScenario.RunAsync,
        ["flash-sale"] = FlashSaleScenario.RunAsync,
    };

    /// <summary>The floor: the cheapest endpoints of the same server, to compare real pages against.</summary>
    private static async Task<IReadOnlyList<BenchResult>> Baseline(BenchOptions options)
    {
        using var client = LoadRunner.Client(options.Url, options.Connections);
        var live = await LoadRunner.RunAsync("baseline", "GET /health/live", options.Connections, options.Duration,
            async (_, _) => (await client.GetAsync("/health/live")).IsSuccessStatusCode);
        return [live];
    }
}
