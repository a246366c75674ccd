using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Maison.Bench;

/// <summary>
/// <c>--scenario outbox --pg "…" [--messages 5000] [--bus label]</c>: writes a burst of events straight into the outbox
/// table (one INSERT, as if many transactions had just committed) and measures until every one was handled: its inbox
/// row written by the handler. Messages/s is end to end through the relay, and the broker when the server runs with
/// <c>Maison:Bus=RabbitMQ</c>; latencies are per message, from commit to handled.
/// </summary>
public static class OutboxScenario
{
    // Every event reaches the generic webhook dispatcher; a ping without a tenant has no subscriber, so its cost is
    // the backbone's own: claim, deliver, inbox transaction, mark processed.
    private const string Handler = "Maison.Commerce.Integrations.Webhooks.WebhookDispatcher";
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
            await using var poll = data.CreateCommand("SELECT count(*) FROM platform.inbox WHERE handler = @h AND message_id = ANY(@ids)");
            poll.Parameters.AddWithValue("h", Handler);
            poll.Parameters.AddWithValue("ids", ids);
            handled = (long)(await poll.ExecuteScalarAsync())!;
            if (handled >= count) break;
            await Task.Delay(20);
        }
        var seconds = clock.Elapsed.TotalSeconds;

        await using var latency = data.CreateCommand("""
            SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM i.processed_at - o.occurred_at) * 1000)
            FROM platform.inbox i JOIN platform.outbox_messages o ON o.id = i.message_id
            WHERE i.handler = @h AND i.message_id = ANY(@ids)
            """);
        latency.Parameters.AddWithValue("h", Handler);
        latency.Parameters.AddWithValue("ids", ids);
        var percentiles = await latency.ExecuteScalarAsync() as double[] ?? [0, 0, 0];
        return
        [
            new BenchResult("outbox", $"{count} events, burst → handled ({bus})", handled, count - handled, handled / seconds,
                percentiles[0], percentiles[1], percentiles[2], $"messages/s end to end, {seconds:0.00}s"),
        ];
    }
}
