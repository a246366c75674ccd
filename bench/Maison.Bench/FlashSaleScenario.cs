using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Maison.Bench;

/// <summary>
/// <c>--scenario flash-sale --pg "connection string" [--members 2000] [--units 100] [--spread-skus 500]</c>: the headline
/// figure. N active members (registered with an invitation, paid the fee with tok_visa, a cart each) race over HTTP to
/// check out one SKU with K units, then a second round over many SKUs with plenty of stock. Prints completed checkouts/s
/// and latencies, and checks the counting: oversold units, units left unsold while buyers were turned away, 5xx
/// responses (all must be 0). Next to it, in the same run, the raw-SQL ceiling: the same reserve + order + outbox
/// transaction through Npgsql with the same connection count.
/// <para>
/// Warm-up (<c>[--warmup 400] [--warmup-rounds 8]</c>, not measured, not counted): before the hot round, that many extra
/// members, set up the same way but each with one unit of a spread SKU in the cart, check out over HTTP with the same
/// connections, their carts refilled between rounds (3 200 checkouts by default: the tiered JIT promotes in stages, and
/// 400 left the checkout's code half-way; after 1 200 the JIT still compiled ~1 300 methods during the spread round, a
/// fifth of the server's CPU there, and after 3 200 a few dozen); before the raw ceiling's rounds, as many raw spread
/// transactions run. Both sides are then measured in steady state (JIT tiers, connection pools, prepared statements,
/// caches) rather than in the server's first seconds of real checkouts.
/// </para>
/// </summary>
public static class FlashSaleScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        if (!options.Extra.TryGetValue("pg", out var pg))
        {
            Console.Error.WriteLine("flash-sale needs --pg \"<connection string of the server's database>\" for the raw-SQL ceiling");
            return [];
        }
        var members = int.Parse(options.Extra.GetValueOrDefault("members", "2000"), CultureInfo.InvariantCulture);
        var units = int.Parse(options.Extra.GetValueOrDefault("units", "100"), CultureInfo.InvariantCulture);
        var spreadSkus = int.Parse(options.Extra.GetValueOrDefault("spread-skus", "500"), CultureInfo.InvariantCulture);
        using var client = LoadRunner.Client(options.Url, Math.Max(options.Connections, 16));
        await using var raw = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(pg)
        {
            MaxPoolSize = options.Connections,
            MinPoolSize = options.Connections,
            // As the server opens its connections (PersistenceModule.PostgresConnectionString): no reset batch per open, and
            // a statement prepared once it has run a few times on a connection, so the ceiling is not parsing and planning
            // its six statements on every transaction while the server's are prepared.
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
        }.ConnectionString).Build();
        var warmup = int.Parse(options.Extra.GetValueOrDefault("warmup", "400"), CultureInfo.InvariantCulture);
        var shop = await FlashSaleSetup.ArrangeAsync(client, options, members, units, spreadSkus, warmup);

        // Warm-up, not measured: real spread checkouts by the extra members.
        var warmupRounds = int.Parse(options.Extra.GetValueOrDefault("warmup-rounds", "8"), CultureInfo.InvariantCulture);
        for (var round = 0; round < warmupRounds && shop.WarmupTokens.Count > 0; round++)
        {
            if (round > 0) await shop.RefillCartsAsync(client, shop.WarmupTokens, spreadSkus, offset: spreadSkus / 2 + round);
            await DrainOutboxAsync(raw, "the warm-up");
            var warm = await RaceAsync(client, shop, shop.WarmupTokens, "flash-sale", "warm-up", options.Connections);
            Console.Error.WriteLine($"warm-up {round + 1}: {warm.Completed} checkouts completed, 5xx {warm.ServerErrors}, other {warm.Other}");
        }

        // Round 1: everyone at once for K units of one SKU.
        await DrainOutboxAsync(raw, "the hot round");
        var hot = await RaceAsync(client, shop, shop.MemberTokens, "flash-sale", $"HTTP, {members} members → 1 SKU × {units}", options.Connections);
        var level = await shop.LevelAsync(client, shop.HotSku);
        var hotNote = Counting(hot, units, level);

        // Round 2: the same members, each a different SKU with plenty of stock.
        await shop.RefillCartsAsync(client, spreadSkus);
        await DrainOutboxAsync(raw, "the spread round");
        var spread = await RaceAsync(client, shop, shop.MemberTokens, "flash-sale", $"HTTP, {members} members → {spreadSkus} SKUs", options.Connections);

        // The ceiling: the same transaction shape as raw SQL, same connections, same counts.
        await DrainOutboxAsync(raw, "the raw-SQL ceiling");
        var rawHotSku = shop.HotSku + "-RAW";
        await FlashSaleSetup.SendAsync(client, shop.OwnerToken, HttpMethod.Put, $"/api/v1/{shop.Slug}/admin/inventory/{rawHotSku}/levels/main", new { onHand = units });
        var ceiling = new RawCheckout(raw, shop.TenantId);
        await ceiling.PrepareAsync(rawHotSku, shop.SpreadPrefix);
        await ceiling.RunAsync("raw SQL warm-up", warmup * warmupRounds, options.Connections, hotSku: false); // not measured
        var rawHot = await ceiling.RunAsync($"raw SQL, {members} tx → 1 SKU × {units}", members, options.Connections, hotSku: true);
        rawHot = rawHot with { Note = $"completed {ceiling.Completed}" + rawHot.Note };
        var rawSpread = await ceiling.RunAsync($"raw SQL, {members} tx → {spreadSkus} SKUs", members, options.Connections, hotSku: false);

        return
        [
            hot.Result with { Note = $"{hotNote}; {Ratio(hot.Result, rawHot)}" },
            rawHot,
            spread.Result with { Note = $"completed {spread.Completed}, 5xx {spread.ServerErrors}, other {spread.Other}; {Ratio(spread.Result, rawSpread)} (target ≥ 0.25, p99 < 250 ms)" },
            rawSpread,
        ];
    }

    /// <summary>
    /// Each measured round starts once the server's outbox has delivered what came before it (the setup's tens of
    /// thousands of events, the previous round's): every round then pays for delivering its own events, and none for
    /// another's backlog. Bounded: after two minutes it measures anyway and says how many were left.
    /// </summary>
    private static async Task DrainOutboxAsync(NpgsqlDataSource raw, string what)
    {
        var clock = Stopwatch.StartNew();
        long left = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var count = raw.CreateCommand(
                "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND next_attempt_at <= now()");
            left = (long)(await count.ExecuteScalarAsync())!;
            if (left == 0) break;
            await Task.Delay(250);
        }
        Console.Error.WriteLine($"outbox delivered before {what} after {clock.Elapsed.TotalSeconds:0.0}s ({left} due messages left)");
    }

    /// <summary>Rates are completed checkouts per second (refusals excluded); latencies cover every response.</summary>
    private static string Ratio(BenchResult http, BenchResult raw) =>
        $"{(raw.PerSecond == 0 ? 0 : http.PerSecond / raw.PerSecond).ToString("0.00", CultureInfo.InvariantCulture)} of raw SQL";

    private static string Counting(RaceOutcome hot, int units, JsonNode level)
    {
        var onHand = level["onHand"]!.GetValue<int>();
        var reserved = level["reserved"]!.GetValue<int>();
        var oversold = Math.Max(0, hot.Completed - units) + Math.Max(0, -onHand);
        // Units still on the shelf (or still held) after the race although someone was told "sold out".
        var leftWhileTurnedAway = hot.TurnedAway > 0 ? onHand : 0;
        return $"completed {hot.Completed}, turned away {hot.TurnedAway}, oversold {oversold}, unsold while turning away {leftWhileTurnedAway}, held {reserved}, " +
               $"5xx {hot.ServerErrors}, other {hot.Other}";
    }

    private static readonly byte[] CheckoutBody = JsonSerializer.SerializeToUtf8Bytes(new
    {
        shippingAddress = new { name = "Bench", line1 = "1 Bond Street", city = "London", postalCode = "W1S 1AA", country = "GB" },
        shippingMethod = "standard",
        paymentMethod = new { token = "tok_visa" },
    });

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public sealed record RaceOutcome(BenchResult Result, int Completed, int TurnedAway, int ServerErrors, int Other);

    private static async Task<RaceOutcome> RaceAsync(HttpClient client, FlashSaleShop shop, IReadOnlyList<string> tokens, string scenario, string @case, int connections)
    {
        int completed = 0, turnedAway = 0, serverErrors = 0, other = 0;
        var samples = new ConcurrentBag<string>();
        var queue = new ConcurrentQueue<string>(tokens);
        var clock = Stopwatch.StartNew();
        var result = await LoadRunner.RunAsync(scenario, @case, connections, TimeSpan.FromMinutes(10), async (_, _) =>
        {
            if (!queue.TryDequeue(out var token)) return true;
            // The body as bytes with its length, as the reservation bench sends its own (ADR 0016): JsonContent would stream
            // it chunked and serialize it by reflection on every request, load-generator cost on the same two cores.
            var body = new ByteArrayContent(CheckoutBody);
            body.Headers.ContentType = Json;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{shop.Slug}/me/checkout") { Content = body };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status == 201) Interlocked.Increment(ref completed);
            else if (status == 409) Interlocked.Increment(ref turnedAway);
            else if (status >= 500) Interlocked.Increment(ref serverErrors);
            else Interlocked.Increment(ref other);
            if (status is not (201 or 409) && samples.Count < 3) samples.Add($"{status} {await response.Content.ReadAsStringAsync()}");
            return status is 201 or 409;
        }, maxOperations: tokens.Count);
        var elapsed = clock.Elapsed.TotalSeconds;
        foreach (var sample in samples) Console.Error.WriteLine($"  {@case}: {sample}");
        return new RaceOutcome(result with { Requests = completed + turnedAway + serverErrors + other, PerSecond = completed / elapsed },
            completed, turnedAway, serverErrors, other);
    }
}
