using System.Globalization;
using System.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Maison.Bench;

/// <summary>
/// <c>--scenario reserve --pg "connection string" [--email operator --password secret]</c>: reservation throughput
/// through HTTP on one hot SKU and over 10,000 SKUs, each next to the same conditional update run as raw SQL through
/// Npgsql with the same number of connections, in the same run; the note gives HTTP as a ratio of raw SQL.
/// <c>--cases spread</c> runs only the 10,000-SKU pair. Each pair alternates its two sides in <c>[--segments 4]</c>
/// short segments apiece (A B B A …), so both see the same machine; the note adds the ratio of each pair of segments.
/// Sets up its own tenant, location and levels through the admin API (on-hand large enough never to run out).
/// </summary>
public static class ReserveScenario
{
    private const int SpreadSkus = 10_000;
    private const string RawSql =
        "UPDATE inventory.stock_levels SET reserved = reserved + 1 WHERE id = $1 AND on_hand - reserved - safety_stock >= 1";

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        if (!options.Extra.TryGetValue("pg", out var pg))
        {
            Console.Error.WriteLine("reserve needs --pg \"<connection string of the server's database>\" for the raw-SQL comparison");
            return [];
        }
        using var client = LoadRunner.Client(options.Url, options.Connections);
        var tenant = await ArrangeAsync(client, options);
        var path = $"/api/v1/{tenant.Slug}/admin/reservations";

        await using var raw = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(pg)
        {
            MaxPoolSize = options.Connections,
            MinPoolSize = options.Connections,
            // As the server opens its connections (PersistenceModule.PostgresConnectionString): no reset batch per open.
            NoResetOnClose = true,
        }.ConnectionString).Build();
        var ids = await LevelIdsAsync(raw, tenant.Prefix);
        await OutboxDrainedAsync(raw);
        var hotId = ids[tenant.Prefix + "HOT"];
        var spreadIds = Enumerable.Range(0, SpreadSkus).Select(i => ids[Sku(tenant.Prefix, i)]).ToArray();

        Task<bool> Reserve(string sku) => Post(client, path, tenant.Token, sku);
        // Raw SQL at its best, as the server does it: a pooled connection per operation and the statement prepared
        // (once per physical connection; later prepares of the same text cost no round trip).
        async Task<bool> Raw(Guid id)
        {
            await using var connection = await raw.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(RawSql, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await command.PrepareAsync();
            return await command.ExecuteNonQueryAsync() == 1;
        }

        // A short warm-up of both paths (JIT, pools, plans) that is not measured.
        await LoadRunner.RunAsync("reserve", "warm-up", options.Connections, TimeSpan.FromSeconds(2), (_, n) => Reserve(Sku(tenant.Prefix, (int)(n % SpreadSkus))));
        await LoadRunner.RunAsync("reserve", "warm-up", options.Connections, TimeSpan.FromSeconds(2), (_, n) => Raw(spreadIds[n % SpreadSkus]));

        // --cases spread: only the 10,000-SKU pair (for profiling and quick comparisons); the default runs every case.
        var spreadOnly = options.Extra.GetValueOrDefault("cases") == "spread";
        var segments = Math.Max(1, int.Parse(options.Extra.GetValueOrDefault("segments", "4"), CultureInfo.InvariantCulture));
        // Each pair alternates HTTP and raw SQL in short segments (LoadRunner.AlternateAsync), the same time in all for each.
        async Task<BenchResult[]> Pair(string what, Func<Task<bool>> http, Func<Task<bool>> bare)
        {
            var (h, r, ratios) = await LoadRunner.AlternateAsync("reserve", $"HTTP, {what}", $"raw SQL, {what}", options.Connections,
                options.Duration, segments, (_, _) => http(), (_, _) => bare());
            var range = $"{ratios.Min().ToString("0.00", CultureInfo.InvariantCulture)}–{ratios.Max().ToString("0.00", CultureInfo.InvariantCulture)}";
            return [h with { Note = $"{Ratio(h, r)}; segment pairs {range}" }, r];
        }
        var spread = () => Pair("10k SKUs", () => Reserve(Sku(tenant.Prefix, Random.Shared.Next(SpreadSkus))), () => Raw(spreadIds[Random.Shared.Next(SpreadSkus)]));
        if (spreadOnly) return await spread();
        var hot = await Pair("1 hot SKU", () => Reserve(tenant.Prefix + "HOT"), () => Raw(hotId));
        var spreadPair = await spread();

        // For reading the ratio: the server's floor (no auth, no database) and an authenticated admin read of one level
        // (auth + tenant + one query), same connections.
        var live = await LoadRunner.RunAsync("reserve", "HTTP GET /health/live", options.Connections, options.Duration, async (_, _) =>
        {
            using var response = await client.GetAsync("/health/live");
            return response.IsSuccessStatusCode;
        }, note: "no auth, no query, for scale");
        var floor = await LoadRunner.RunAsync("reserve", "HTTP GET one level", options.Connections, options.Duration, async (_, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{tenant.Slug}/admin/inventory/{Sku(tenant.Prefix, Random.Shared.Next(SpreadSkus))}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);
            using var response = await client.SendAsync(request);
            return response.IsSuccessStatusCode;
        }, note: "auth + one query, for scale");

        return
        [
            live,
            floor,
            .. hot,
            .. spreadPair,
        ];
    }

    // Only successful operations count (201 Created; one row updated), on both sides.
    private static string Ratio(BenchResult http, BenchResult raw) =>
        $"{(Successes(raw) == 0 ? 0 : Successes(http) / Successes(raw)).ToString("0.00", CultureInfo.InvariantCulture)} of raw SQL (target ≥ 0.60)";

    private static double Successes(BenchResult r) => r.Requests == 0 ? 0 : r.PerSecond * (r.Requests - r.Errors) / r.Requests;

    private static string Sku(string prefix, int i) => $"{prefix}{i:D5}";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static async Task<bool> Post(HttpClient client, string path, string token, string sku)
    {
        // The body as bytes with its length, as browsers and most clients send it. JsonContent would stream it chunked and
        // serialize it by reflection on every request: load-generator cost on the same two cores, not the server's.
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"lines":[{"sku":"{{sku}}","quantity":1}],"ttlSeconds":3600}"""));
        body.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode == 201;
    }

    private sealed record BenchTenant(string Slug, string Token, string Prefix);

    private static async Task<BenchTenant> ArrangeAsync(HttpClient client, BenchOptions options)
    {
        var email = options.Extra.GetValueOrDefault("email", "operator@bench.maison");
        var password = options.Extra.GetValueOrDefault("password", "operator-password");
        var slug = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var op = await TokenAsync(client, email, password, null);
        await Send(client, op, HttpMethod.Post, "/api/v1/platform/tenants", new { slug, name = "Bench", defaultCurrency = "GBP", currencies = new[] { "GBP" } });
        await Send(client, op, HttpMethod.Post, $"/api/v1/platform/tenants/{slug}/staff",
            new { email = $"owner@{slug}.bench", password = "bench-password-1", role = "owner" });
        var owner = await TokenAsync(client, $"owner@{slug}.bench", "bench-password-1", slug);
        await Send(client, owner, HttpMethod.Post, $"/api/v1/{slug}/admin/locations", new { code = "main", name = "Main", country = "GB" });

        var prefix = "B" + Guid.NewGuid().ToString("N")[..6] + "-";
        Console.Error.WriteLine($"setting up {SpreadSkus + 1} stock levels in tenant {slug}…");
        await Send(client, owner, HttpMethod.Put, $"/api/v1/{slug}/admin/inventory/{prefix}HOT/levels/main", new { onHand = 100_000_000 });
        await Parallel.ForEachAsync(Enumerable.Range(0, SpreadSkus), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await Send(client, owner, HttpMethod.Put, $"/api/v1/{slug}/admin/inventory/{Sku(prefix, i)}/levels/main", new { onHand = 1_000_000 }));
        return new BenchTenant(slug, owner, prefix);
    }

    private static async Task<Dictionary<string, Guid>> LevelIdsAsync(NpgsqlDataSource raw, string prefix)
    {
        await using var command = raw.CreateCommand("SELECT sku, id FROM inventory.stock_levels WHERE sku LIKE $1");
        command.Parameters.Add(new NpgsqlParameter { Value = prefix + "%" });
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids[reader.GetString(0)] = reader.GetGuid(1);
        return ids;
    }

    /// <summary>
    /// Setting up 10,001 levels publishes tens of thousands of stock events; measuring while the relay still works them
    /// off would charge that background work to whichever case runs first. Waits until nothing is pending (or nothing
    /// moved for 15 s, e.g. messages waiting for a retry), at most five minutes.
    /// </summary>
    private static async Task OutboxDrainedAsync(NpgsqlDataSource raw)
    {
        var started = DateTime.UtcNow;
        var deadline = started + TimeSpan.FromMinutes(5);
        long last = -1;
        var stillSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await using var command = raw.CreateCommand("SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL");
            var pending = (long)(await command.ExecuteScalarAsync())!;
            if (pending == 0)
            {
                Console.Error.WriteLine($"outbox drained after {(DateTime.UtcNow - started).TotalSeconds:0} s");
                return;
            }
            if (pending != last) (last, stillSince) = (pending, DateTime.UtcNow);
            else if (DateTime.UtcNow - stillSince > TimeSpan.FromSeconds(15)) break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Console.Error.WriteLine($"warning: {last} outbox messages still pending; measuring anyway");
    }

    private static async Task<string> TokenAsync(HttpClient client, string email, string password, string? tenant)
    {
        var body = await Send(client, null, HttpMethod.Post, "/api/v1/auth/token", new { email, password, tenant });
        return body["accessToken"]!.GetValue<string>();
    }

    private static async Task<JsonNode> Send(HttpClient client, string? token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) ?? new JsonObject();
    }
}
