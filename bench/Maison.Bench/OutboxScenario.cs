using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Maison.Bench;

/// <summary>
/// <c>--scenario outbox --pg "…" [--messages 5000] [--bus label]</c>: writes a burst of events straight into the outbox
/// table (one INSERT, as if many transactions had just committed) and measures until the relay has delivered every one
/// and marked it processed. In process, delivered means every handler of the event ran; with <c>Maison:Bus=RabbitMQ</c>,
/// that the broker confirmed it. Latencies are per message, from commit to processed.
/// </summary>
public static class OutboxScenario
{
    // A ping without a tenant has no webhook subscriber, and the dispatcher is selective (ADR 0015): no handler of ours
    // runs, so the figure is the backbone's own cost: claim, deliver, mark processed. (Until ADR 0019 this waited for
    // the dispatcher's inbox rows, which a selective handler no longer writes for an event nobody subscribed to: it
    // counted nothing.)
    private const string ClrType = "Maison.Commerce.Integrations.Webhooks.WebhookPinged";

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        var bus = options.Extra.GetValueOrDefault("bus", "server's bus");
        if (!options.Extra.TryGetValue("pg", out var pg))
        {
            Console.Error.WriteLine("outbox needs --pg \"<connection string of the server's PostgreSQL database>\"");
            return [new BenchResult("outbox", "no --pg given", 0, 0, 0, 0, 0, 0)];
        }
        var count = int.Parse(options.Extra.GetValueOrDefault("messages", "5000"), CultureInfo.InvariantCulture);
        await using var data = NpgsqlDataSource.Create(pg);
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();

        await using (var insert = data.CreateCommand("""
            INSERT INTO platform.outbox_messages (id, tenant_id, type, clr_type, payload, occurred_at, next_attempt_at, attempts)
            SELECT id, '00000000-0000-0000-0000-000000000000', 'webhook.ping', @clr,
                   json_build_object('subscriptionId', id, 'id', id, 'occurredAt', now())::text, clock_timestamp(), now(), 0
            FROM unnest(@ids) AS id
            """))
        {
            insert.Parameters.AddWithValue("clr", ClrType);
            insert.Parameters.AddWithValue("ids", ids);
            await insert.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();

        var timeout = TimeSpan.FromSeconds(Math.Max(120, options.Duration.TotalSeconds * 10));
        long handled = 0;
        while (clock.Elapsed < timeout)
        {
            await using var poll = data.CreateCommand("SELECT count(*) FROM platform.outbox_messages WHERE id = ANY(@ids) AND processed_at IS NOT NULL");
            poll.Parameters.AddWithValue("ids", ids);
            handled = (long)(await poll.ExecuteScalarAsync())!;
            if (handled >= count) break;
            await Task.Delay(20);
        }
        var seconds = clock.Elapsed.TotalSeconds;

        await using var latency = data.CreateCommand("""
            SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - occurred_at) * 1000)
            FROM platform.outbox_messages WHERE id = ANY(@ids) AND processed_at IS NOT NULL
            """);
        latency.Parameters.AddWithValue("ids", ids);
        var percentiles = await latency.ExecuteScalarAsync() as double[] ?? [0, 0, 0];
        return
        [
            new BenchResult("outbox", $"{count} events, burst → delivered ({bus})", handled, count - handled, handled / seconds,
                percentiles[0], percentiles[1], percentiles[2], $"messages/s end to end, {seconds:0.00}s"),
        ];
    }
}
