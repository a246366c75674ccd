using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

/// <summary>Two API instances sharing the database and Redis, as in production (SQLite: one shared file).</summary>
public sealed class CrossInstanceTests
{
    [Fact]
    public async Task A_price_change_made_through_one_instance_is_served_by_the_other_on_its_next_read()
    {
        var redis = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestEngines.Redis };
        await using var a = await MaisonServer.StartAsync("cat", settings: redis);
        await using var b = await MaisonServer.StartAsync("cat", a.ConnectionString, redis);
        var apiA = new Api(a);
        var tenant = await apiA.CreateTenantAsync();
        using var staff = apiA.As(tenant.OwnerToken);
        await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        var token = await apiA.ActiveMemberTokenAsync(tenant);
        using var onA = apiA.As(token);
        using var onB = new Api(b).As(token);

        for (var round = 1; round <= 3; round++)
        {
            // Both instances cache the page (L1) before the change.
            await Expect.Status(await onA.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
            await Expect.Status(await onB.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
            var price = 125_000 + round * 1_000;
            await Expect.Status(await staff.PatchAsJsonAsync($"/api/v1/{tenant.Slug}/admin/products/lune-bag",
                new { variants = new[] { new { sku = "AUR-LUNE-BLK", prices = new[] { new { currency = "GBP", amountMinor = price } } } } }), HttpStatusCode.OK);

            var page = await Expect.Status(await onB.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
            Assert.Equal(price, page["variants"]![0]!["price"]!["amountMinor"]!.GetValue<long>());
            var listing = await Expect.Status(await onB.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK);
            Assert.Equal(price, listing["items"]![0]!["price"]!["amountMinor"]!.GetValue<long>());
        }
    }
}

/// <summary>Redis that cannot be reached when the server first needs it must not leave the catalogue broken after.</summary>
public sealed class RedisReconnectTests
{
    [Fact]
    public async Task Catalogue_reads_recover_once_Redis_can_be_reached_after_a_failed_first_connect()
    {
        // A port with nothing behind it yet; later a forwarder to the real Redis listens on it.
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var staffServer = await MaisonServer.StartAsync("redis", settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestEngines.Redis });
        await using var _ = staffServer;
        var api = new Api(staffServer);
        var tenant = await api.CreateTenantAsync();
        using (var staff = api.As(tenant.OwnerToken))
        {
            await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
            await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        }
        var token = await api.ActiveMemberTokenAsync(tenant);

        await using var reader = await MaisonServer.StartAsync("redis", staffServer.ConnectionString,
            new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{port},connectTimeout=1000" });
        using var member = new Api(reader).As(token);
        var path = $"/api/v1/{tenant.Slug}/products/lune-bag";
        using (var first = await member.GetAsync(path))
        {
            Assert.NotEqual(HttpStatusCode.OK, first.StatusCode); // Redis is unreachable: the read cannot be served
        }

        using var forwarder = new RedisForwarder(port, TestEngines.Redis);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var response = await member.GetAsync(path);
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>Accepts on a loopback port and pipes each connection to the real Redis.</summary>
    private sealed class RedisForwarder : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();

        public RedisForwarder(int port, string target)
        {
            _listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            _listener.Start();
            var (host, targetPort) = (target.Split(':')[0], int.Parse(target.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var server = new System.Net.Sockets.TcpClient();
                    await server.ConnectAsync(host, targetPort, _stop.Token);
                    _ = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                    _ = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
