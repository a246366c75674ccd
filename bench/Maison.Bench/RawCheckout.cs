using System.Diagnostics;
using Npgsql;

namespace Maison.Bench;

/// <summary>
/// The ceiling for the flash sale: the checkout's one transaction as raw SQL through Npgsql — the conditional update
/// of the stock level, the reservation and its line, the order and its line, the outbox message — and nothing else
/// (no HTTP, auth, pricing, payment or confirmation). Orders and outbox rows go to a scratch <c>bench</c> schema.
/// </summary>
public sealed class RawCheckout(NpgsqlDataSource raw, Guid tenantId)
{
    private const string Reserve =
        "UPDATE inventory.stock_levels SET reserved = reserved + 1 WHERE id = $1 AND on_hand - reserved - safety_stock >= 1";

    private (Guid Id, string Sku, Guid LocationId) _hot;
    private (Guid Id, string Sku, Guid LocationId)[] _spread = [];
    private int _completed;

    public int Completed => _completed;

    public async Task PrepareAsync(string hotSku, string spreadPrefix)
    {
        await using (var create = raw.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS bench;
            CREATE TABLE IF NOT EXISTS bench.orders (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, number text NOT NULL, status text NOT NULL,
                currency text NOT NULL, total_minor bigint NOT NULL, reservation_id uuid NOT NULL, placed_at timestamptz NOT NULL);
            CREATE TABLE IF NOT EXISTS bench.order_lines (id uuid PRIMARY KEY, order_id uuid NOT NULL, sku text NOT NULL, quantity int NOT NULL,
                total_minor bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS bench.outbox (id uuid PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL);
            """))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var command = raw.CreateCommand("SELECT id, sku, location_id FROM inventory.stock_levels WHERE tenant_id = $1 AND (sku = $2 OR sku LIKE $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = hotSku });
        command.Parameters.Add(new NpgsqlParameter { Value = spreadPrefix + "%" });
        var spread = new List<(Guid, string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = (reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2));
            if (row.Item2 == hotSku) _hot = row;
            else spread.Add(row);
        }
        _spread = spread.ToArray();
    }

    public async Task<BenchResult> RunAsync(string @case, int transactions, int connections, bool hotSku)
    {
        _completed = 0;
        var clock = Stopwatch.StartNew();
        var result = await LoadRunner.RunAsync("flash-sale", @case, connections, TimeSpan.FromMinutes(10), async (_, n) =>
        {
            var level = hotSku ? _hot : _spread[(int)(n % _spread.Length)];
            if (await CheckoutAsync(level)) Interlocked.Increment(ref _completed);
            return true;
        }, maxOperations: transactions);
        return result with { PerSecond = _completed / clock.Elapsed.TotalSeconds, Note = hotSku ? "" : $"completed {_completed}" };
    }

    private async Task<bool> CheckoutAsync((Guid Id, string Sku, Guid LocationId) level)
    {
        await using var connection = await raw.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(Reserve, connection, tx))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = level.Id });
            if (await update.ExecuteNonQueryAsync() == 0)
            {
                await tx.RollbackAsync();
                return false;
            }
        }
        var (reservationId, orderId, now) = (Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        await using var batch = new NpgsqlBatch(connection, tx);
        Add(batch, "INSERT INTO inventory.reservations (id, tenant_id, reference, status, created_at, expires_at) VALUES ($1, $2, $3, 'Held', $4, $5)",
            reservationId, tenantId, $"order:{orderId}", now, now.AddMinutes(15));
        Add(batch, "INSERT INTO inventory.reservation_lines (id, tenant_id, reservation_id, sku, level_id, location_id, location_code, quantity) VALUES ($1, $2, $3, $4, $5, $6, 'main', 1)",
            Guid.CreateVersion7(), tenantId, reservationId, level.Sku, level.Id, level.LocationId);
        Add(batch, "INSERT INTO bench.orders (id, tenant_id, number, status, currency, total_minor, reservation_id, placed_at) VALUES ($1, $2, $3, 'pending_payment', 'GBP', 125000, $4, $5)",
            orderId, tenantId, "MO-" + orderId.ToString("N")[..20], reservationId, now);
        Add(batch, "INSERT INTO bench.order_lines (id, order_id, sku, quantity, total_minor) VALUES ($1, $2, $3, 1, 125000)",
            Guid.CreateVersion7(), orderId, level.Sku);
        Add(batch, "INSERT INTO bench.outbox (id, type, payload, created_at) VALUES ($1, 'order.placed', $2::jsonb, $3)",
            Guid.CreateVersion7(), $"{{\"orderId\":\"{orderId}\"}}", now);
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return true;
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }
}
