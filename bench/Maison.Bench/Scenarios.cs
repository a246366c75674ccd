namespace Maison.Bench;

/// <summary>The named scenarios; each issue that makes a path fast adds its own here.</summary>
public static class Scenarios
{
    public delegate Task<IReadOnlyList<BenchResult>> Scenario(BenchOptions options);

    public static readonly IReadOnlyDictionary<string, Scenario> All = new Dictionary<string, Scenario>(StringComparer.Ordinal)
    {
        ["baseline"] = BaselineScenario.RunAsync,
        ["membership"] = MembershipScenario.RunAsync,
        ["catalog"] = CatalogScenario.RunAsync,
        ["reserve"] = ReserveScenario.RunAsync,
        ["outbox"] = OutboxScenario.RunAsync,
        ["flash-sale"] = FlashSaleScenario.RunAsync,
    };
}
