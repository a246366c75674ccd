using System.Net;
using Maison.Commerce.Inventory;
using Maison.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Inventory;

public sealed class ReservationExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private MaisonServer? _server;

    public async Task InitializeAsync() =>
        _server = await MaisonServer.StartAsync("expiry", configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_expiry_job_releases_held_reservations_past_their_ttl_and_never_committed_ones()
    {
        var api = new Api(_server!);
        var tenant = await api.CreateTenantAsync();
        using var inv = new InventoryClient(api.As(tenant.OwnerToken), tenant.Slug);
        await inv.LocationAsync("london");
        await inv.SetAsync("BAG", "london", 10);
        var shortLived = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 2 } }, ttlSeconds: 60);
        var defaultTtl = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 3 } });
        var committed = await inv.HoldAsync(new[] { new { sku = "BAG", quantity = 4 } }, ttlSeconds: 60);
        await Expect.Status(await inv.CommitAsync(committed), HttpStatusCode.OK);

        _time.Advance(TimeSpan.FromMinutes(2));
        await RunJobAsync();
        Assert.Equal("released", (await inv.ReservationAsync(shortLived))["status"]!.GetValue<string>());
        Assert.Equal("held", (await inv.ReservationAsync(defaultTtl))["status"]!.GetValue<string>());
        Assert.Equal(3, InventoryClient.Int(await inv.LevelAsync("BAG", "london"), "reserved"));

        _time.Advance(TimeSpan.FromMinutes(14));
        await RunJobAsync();
        Assert.Equal("released", (await inv.ReservationAsync(defaultTtl))["status"]!.GetValue<string>());
        Assert.Equal("committed", (await inv.ReservationAsync(committed))["status"]!.GetValue<string>());
        var level = await inv.LevelAsync("BAG", "london");
        Assert.Equal(0, InventoryClient.Int(level, "reserved"));
        Assert.Equal(6, InventoryClient.Int(level, "onHand"));
    }

    private async Task RunJobAsync()
    {
        await using var scope = _server!.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReservationExpiryJob>().RunAsync(CancellationToken.None);
    }
}
