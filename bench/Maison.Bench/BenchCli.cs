namespace Maison.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Maison.Bench -- --url http://127.0.0.1:5080 --scenario baseline
/// [--connections 64] [--duration 10]</c>: runs named scenarios against a running server and prints a results table.
/// </summary>
public static class BenchCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: Maison.Bench --url URL --scenario NAME[,NAME] [--connections N] [--duration SECONDS] [--tenant SLUG]");
            Console.Error.WriteLine("scenarios: " + string.Join(", ", Scenarios.All.Keys));
            return 2;
        }

        var results = new List<BenchResult>();
        foreach (var name in options.Scenarios)
        {
            if (!Scenarios.All.TryGetValue(name, out var scenario))
            {
                Console.Error.WriteLine($"unknown scenario '{name}'; known: {string.Join(", ", Scenarios.All.Keys)}");
                return 2;
            }
            Console.Error.WriteLine($"running {name} against {options.Url} with {options.Connections} connections for {options.Duration.TotalSeconds:0}s…");
            results.AddRange(await scenario(options));
        }
        if (await DatabaseSettings.DescribeAsync(options) is { } database) Console.WriteLine(database);
        Console.WriteLine(ResultsTable.Render(results));
        return results.Any(r => r.Failed) ? 1 : 0;
    }
}

public sealed record BenchOptions(Uri Url, IReadOnlyList<string> Scenarios, int Connections, TimeSpan Duration, string Tenant, IReadOnlyDictionary<string, string> Extra)
{
    public static BenchOptions? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            map[args[i][2..]] = args[i + 1];
        }
        if (!map.TryGetValue("scenario", out var scenarios)) return null;
        return new BenchOptions(
            new Uri(map.GetValueOrDefault("url", "http://127.0.0.1:5080")),
            scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            int.Parse(map.GetValueOrDefault("connections", "64"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(map.GetValueOrDefault("duration", "10"), System.Globalization.CultureInfo.InvariantCulture)),
            map.GetValueOrDefault("tenant", "demo"),
            map);
    }
}
