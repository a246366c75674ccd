using System.Net;
using Maison.Commerce.Inventory;
using Maison.Commerce.Inventory.Contracts;
using Maison.Server.Tests.Infrastructure;
using Npgsql;

namespace Maison.Server.Tests.Inventory;

/// <summary>
/// The group-committed statement of ADR 0014, which only PostgreSQL runs (SQLite takes the general path, covered by
/// the HTTP tests on both engines): one batch, several tenants, markets and SKUs, with exactly which requests it holds.
/// Runs once, in the PostgreSQL pass.
/// </summary>
[Trait(TestEngines.EngineTrait, "PostgreSQL")]
public sealed class ReservationBatchTests : IAsyncLifetime
{
    private MaisonServer? _server;

    private MaisonServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        var connectionString = await TestEngines.CreatePostgresDatabaseAsync("batch");
        _server = await MaisonServer.StartAsync("batch", connectionString,
            new Dictionary<string, string?> { ["Maison:Database:Provider"] = "PostgreSQL", ["Maison:Inventory:ReservationBatchWorkers"] = "1" });
    }

    public async Task DisposeAsync()
    {
        if (_server is null) return;
        await _server.DisposeAsync();
        MaisonServer.ClearPools(_server.ConnectionString);
    }

    [Fact]
    public async Task One_batch_holds_each_request_whole_in_order_while_it_fits_and_nothing_of_the_rest()
    {
        var api = new Api(Server);
        var (a, b) = (await api.CreateTenantAsync(), await api.CreateTenantAsync());
        using var inv = new InventoryClient(api.As(a.OwnerToken), a.Slug);
        await inv.LocationAsync("a-london", "GB", "GB");
        await inv.LocationAsync("b-paris", "FR", "FR");
        await inv.SetAsync("BAG", "a-london", 5);
        await inv.SetAsync("SCARF", "a-london", 10);
        await inv.SetAsync("SCARF", "b-paris", 1);
        using var other = new InventoryClient(api.As(b.OwnerToken), b.Slug);
        await other.LocationAsync("a-london");
        await other.SetAsync("SHOE", "a-london", 3);

        var (tenantA, tenantB) = (await TenantIdAsync(a.Slug), await TenantIdAsync(b.Slug));
        var now = DateTimeOffset.UtcNow;
        BatchReserve.Request Ask(Guid tenant, string sku, int quantity, string? country = null) =>
            new(tenant, new ReserveLine(sku, quantity), "ref-" + sku, country, now, TimeSpan.FromMinutes(10));
        var requests = new[]
        {
            Ask(tenantA, "BAG", 2, "GB"),   // 0: held, 3 left
            Ask(tenantA, "BAG", 2),         // 1: held, 1 left
            Ask(tenantA, "BAG", 2),         // 2: would make 6 of 5: not held
            Ask(tenantA, "SCARF", 1, "FR"), // 3: only Paris serves FR: held there, its last unit
            Ask(tenantA, "SCARF", 1),       // 4: no market: the first location by code
            Ask(tenantA, "SHOE", 1),        // 5: another tenant's SKU: not held
            Ask(tenantB, "SHOE", 3),        // 6: tenant B, all of it
            Ask(tenantA, "HAT", 1),         // 7: no such SKU
        };

        SingleStatementReserve.Held?[] held;
        await using (var connection = new NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            held = BatchReserve.Run(connection, requests);
        }

        Assert.Equal([true, true, false, true, true, false, true, false], held.Select(h => h is not null));
        Assert.Equal([3, 1], held[..2].Select(h => h!.Remaining));
        Assert.Equal(("b-paris", 0), (held[3]!.Reservation.Lines.Single().Location, held[3]!.Remaining));
        Assert.Equal(("a-london", 9), (held[4]!.Reservation.Lines.Single().Location, held[4]!.Remaining));
        Assert.Equal(0, held[6]!.Remaining);

        // The database agrees: levels carry exactly the held units; each held reservation exists, whole, in its tenant.
        Assert.Equal(4, InventoryClient.Int(await inv.LevelAsync("BAG", "a-london"), "reserved"));
        Assert.Equal(1, InventoryClient.Int(await inv.LevelAsync("SCARF", "a-london"), "reserved"));
        Assert.Equal(1, InventoryClient.Int(await inv.LevelAsync("SCARF", "b-paris"), "reserved"));
        Assert.Equal(3, InventoryClient.Int(await other.LevelAsync("SHOE", "a-london"), "reserved"));
        foreach (var (h, client) in new[] { (held[0]!, inv), (held[3]!, inv), (held[6]!, other) })
        {
            var reservation = await client.ReservationAsync(h.Reservation.Id.ToString());
            Assert.Equal("held", reservation["status"]!.GetValue<string>());
            var line = Assert.Single(reservation["lines"]!.AsArray());
            Assert.Equal(h.Reservation.Lines.Single().Quantity, InventoryClient.Int(line!, "quantity"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"{other.Base}/reservations/{held[0]!.Reservation.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_batch_worker_runs_ahead_of_the_request_threads_where_the_system_allows_it()
    {
        using var inv = await BagsInLondonAsync(5);
        await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 1 } });

        // ADR 0024: nice -10 (Maison:Inventory:ReservationBatchNice) with CAP_SYS_NICE, the default 0 without it.
        var capabilities = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        var privileged = (Convert.ToUInt64(capabilities["CapEff:".Length..].Trim(), 16) & (1UL << 23)) != 0;
        var workers = Directory.GetDirectories("/proc/self/task")
            .Where(t => File.ReadAllText(Path.Combine(t, "comm")).StartsWith(ReservationBatcher.WorkerName, StringComparison.Ordinal))
            .Select(t => int.Parse(File.ReadAllText(Path.Combine(t, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16],
                System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(workers);
        Assert.All(workers, nice => Assert.Equal(privileged ? -10 : 0, nice));
    }

    [Fact]
    public async Task The_worker_keeps_one_connection_and_replaces_it_when_it_breaks_without_failing_a_request()
    {
        using var inv = await BagsInLondonAsync(10);
        for (var i = 0; i < 3; i++) await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 1 } });
        var first = Assert.Single(await WorkerBackendsAsync());

        await using (var connection = new NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend($1)", connection);
            kill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = first });
            Assert.True((bool)(await kill.ExecuteScalarAsync())!);
        }

        // The batch on the dead connection fails; its request takes the general path and is held all the same. The next
        // batch opens a new connection.
        for (var i = 0; i < 3; i++) await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 1 } });
        var second = Assert.Single(await WorkerBackendsAsync());
        Assert.NotEqual(first, second);
        Assert.Equal(6, InventoryClient.Int(await inv.LevelAsync("BAG", "a-london"), "reserved"));
    }

    /// <summary>A new tenant with one location, <c>a-london</c>, holding <paramref name="onHand"/> units of <c>BAG</c>.</summary>
    private async Task<InventoryClient> BagsInLondonAsync(int onHand)
    {
        var api = new Api(Server);
        var tenant = await api.CreateTenantAsync();
        var inv = new InventoryClient(api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("a-london");
        await inv.SetAsync("BAG", "a-london", onHand);
        return inv;
    }

    /// <summary>The backends of this database's batch workers (their connections carry the worker's name).</summary>
    private async Task<List<int>> WorkerBackendsAsync()
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ReservationBatcher.WorkerName });
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }

    private async Task<Guid> TenantIdAsync(string slug)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM tenancy.tenants WHERE slug = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = slug });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
