using System.Net;
using System.Text.Json.Nodes;
using Maison.Commerce.Inventory;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Inventory;

/// <summary>The commit of a reservation (one statement on PostgreSQL): what it writes, what it publishes, and its races.</summary>
public sealed class ReservationCommitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private MaisonServer? _server;

    public async Task InitializeAsync() =>
        _server = await MaisonServer.StartAsync("commit", configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task Committing_a_reservation_over_two_locations_sells_each_level_writes_the_ledger_and_publishes_its_figures()
    {
        var api = new Api(_server!);
        var tenant = await api.CreateTenantAsync();
        using var inv = new InventoryClient(api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.LocationAsync("paris");
        await inv.SetAsync("BAG", "london", 2);
        await inv.SetAsync("BAG", "paris", 5);
        await inv.SetAsync("BELT", "paris", 3);
        var id = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 4 }, new { sku = "BELT", quantity = 1 } });
        var before = (await EventsAsync(tenant.Slug)).Count;

        var committed = await Expect.Status(await inv.CommitAsync(id), HttpStatusCode.OK);

        Assert.Equal("committed", committed["status"]!.GetValue<string>());
        Assert.Equal(5, committed["lines"]!.AsArray().Sum(l => l!["quantity"]!.GetValue<int>()));
        Assert.Equal(2 + 5 - 4, (await inv.LevelsAsync("BAG"))["levels"]!.AsArray().Sum(l => InventoryClient.Int(l!, "onHand")));
        foreach (var sku in new[] { "BAG", "BELT" })
        {
            Assert.Equal((await inv.LevelsAsync(sku))["levels"]!.AsArray().Sum(l => InventoryClient.Int(l!, "onHand")),
                (await inv.MovementsAsync(sku)).Sum(m => InventoryClient.Int(m, "quantity")));
        }
        var changed = (await EventsAsync(tenant.Slug)).Skip(before).Where(e => e.Type == "stock.changed").Select(e => JsonNode.Parse(e.Payload)!).ToList();
        Assert.Equal(committed["lines"]!.AsArray().Count, changed.Count);
        foreach (var evt in changed)
        {
            var level = await inv.LevelAsync(evt["sku"]!.GetValue<string>(), evt["location"]!.GetValue<string>());
            Assert.Equal(InventoryClient.Int(level, "onHand"), evt["onHand"]!.GetValue<int>());
            Assert.Equal(0, evt["reserved"]!.GetValue<int>());
            Assert.Equal(InventoryClient.Int(level, "available"), evt["available"]!.GetValue<int>());
        }
        await Expect.Problem(await inv.CommitAsync(id), HttpStatusCode.Conflict, ProblemCodes.InvalidTransition);
        await Expect.Problem(await inv.CommitAsync(Guid.NewGuid().ToString()), HttpStatusCode.NotFound, ProblemCodes.NotFound);
    }

    [Fact]
    public async Task Commits_racing_the_expiry_job_on_a_lapsed_reservation_let_exactly_one_of_them_win()
    {
        var api = new Api(_server!);
        var tenant = await api.CreateTenantAsync();
        using var inv = new InventoryClient(api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.SetAsync("BAG", "london", 10);
        var id = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 3 } }, ttlSeconds: 60);
        _time.Advance(TimeSpan.FromMinutes(2));

        using var start = new SemaphoreSlim(0);
        var commits = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await inv.CommitAsync(id);
        })).ToList();
        var jobs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            await using var scope = _server!.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReservationExpiryJob>().RunAsync(CancellationToken.None);
        })).ToList();
        start.Release(commits.Count + jobs.Count);
        var responses = await Task.WhenAll(commits);
        await Task.WhenAll(jobs);

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        var status = (await inv.ReservationAsync(id))["status"]!.GetValue<string>();
        Assert.Equal(status == "committed" ? 1 : 0, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(status == "committed" ? 15 : 16, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var level = await inv.LevelAsync("BAG", "london");
        Assert.Equal(0, InventoryClient.Int(level, "reserved"));
        Assert.Equal(status == "committed" ? 7 : 10, InventoryClient.Int(level, "onHand"));
        Assert.Equal(InventoryClient.Int(level, "onHand"), (await inv.MovementsAsync("BAG")).Sum(m => InventoryClient.Int(m, "quantity")));
    }

    private async Task<List<(string Type, string Payload)>> EventsAsync(string slug)
    {
        await using var scope = _server!.Services.CreateAsyncScope();
        var info = (await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(slug, default))!;
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(info.Id, info.Slug);
        var rows = await scope.ServiceProvider.GetRequiredService<CommerceDb>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.TenantId == info.Id).OrderBy(m => m.Sequence).Select(m => new { m.Type, m.Payload }).ToListAsync();
        return rows.Select(r => (r.Type, r.Payload)).ToList();
    }
}
