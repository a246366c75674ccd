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

/// <summary>
/// Redis that cannot be reached must not take the storefront down (ADR 0027): the instance answers from its own cache
/// and the database, shows another instance's changes within one outage window, and uses Redis again once it can.
/// </summary>
public sealed class RedisOutageTests
{
    private const string Path = "/products/lune-bag";

    [Fact]
    public async Task While_Redis_cannot_be_reached_the_storefront_answers_and_shows_another_instances_change_within_one_window()
    {
        var shop = await ShopAsync();
        await using var _ = shop.Staff;
        await using var reader = await ReaderAsync(shop, DeadPort(), windowSeconds: 2);
        using var member = new Api(reader).As(shop.MemberToken);

        Assert.Equal(125_000, await PriceAsync(member, shop.Slug));
        await ChangePriceAsync(shop, 126_000);
        // The other instance's bump goes to Redis, which this one cannot hear: it rebuilds from the database every window.
        Assert.Equal(126_000, await EventuallyPriceAsync(member, shop.Slug, 126_000, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task When_Redis_goes_away_while_the_storefront_serves_it_keeps_answering_and_shows_changes_within_one_window()
    {
        var shop = await ShopAsync();
        await using var _ = shop.Staff;
        var port = DeadPort();
        var forwarder = new RedisForwarder(port, TestEngines.Redis);
        await using var reader = await ReaderAsync(shop, port, windowSeconds: 2);
        using var member = new Api(reader).As(shop.MemberToken);
        Assert.Equal(125_000, await PriceAsync(member, shop.Slug));

        forwarder.Dispose();
        await ChangePriceAsync(shop, 127_000);
        Assert.Equal(127_000, await EventuallyPriceAsync(member, shop.Slug, 127_000, TimeSpan.FromSeconds(20))); // 200 on every read
    }

    [Fact]
    public async Task Once_Redis_can_be_reached_again_another_instances_change_shows_on_the_next_read()
    {
        var shop = await ShopAsync();
        await using var _ = shop.Staff;
        var port = DeadPort();
        // A window of ten days: while Redis cannot be reached, nothing but Redis can show this instance a change.
        await using var reader = await ReaderAsync(shop, port, windowSeconds: 864_000);
        using var member = new Api(reader).As(shop.MemberToken);

        Assert.Equal(125_000, await PriceAsync(member, shop.Slug));
        await ChangePriceAsync(shop, 126_000);
        Assert.Equal(125_000, await PriceAsync(member, shop.Slug)); // served from this instance's cache of the window

        using var forwarder = new RedisForwarder(port, TestEngines.Redis);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var price = 126_000L;
        var shown = false;
        while (!shown && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            price += 1_000;
            await ChangePriceAsync(shop, price);
            shown = await PriceAsync(member, shop.Slug) == price;
        }
        Assert.True(shown, $"a change made through the other instance was not shown on the next read within 60 s of Redis coming back (last price {price})");
    }

    private sealed record Shop(MaisonServer Staff, string Slug, string OwnerToken, string MemberToken);

    private static async Task<Shop> ShopAsync()
    {
        var staffServer = await MaisonServer.StartAsync("redis", settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestEngines.Redis });
        var api = new Api(staffServer);
        var tenant = await api.CreateTenantAsync();
        using (var staff = api.As(tenant.OwnerToken))
        {
            await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
            await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
        }
        return new Shop(staffServer, tenant.Slug, tenant.OwnerToken, await api.ActiveMemberTokenAsync(tenant));
    }

    /// <summary>A port with nothing behind it (yet).</summary>
    private static int DeadPort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static Task<MaisonServer> ReaderAsync(Shop shop, int redisPort, int windowSeconds) =>
        MaisonServer.StartAsync("redis", shop.Staff.ConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{redisPort},connectTimeout=1000",
            ["Maison:Catalog:RedisOutageWindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task<long> PriceAsync(HttpClient member, string slug)
    {
        var page = await Expect.Status(await member.GetAsync($"/api/v1/{slug}{Path}"), HttpStatusCode.OK);
        return page["variants"]![0]!["price"]!["amountMinor"]!.GetValue<long>();
    }

    /// <summary>Reads the page every 200 ms (each read must answer 200) until it shows <paramref name="expected"/>; the last price seen.</summary>
    private static async Task<long> EventuallyPriceAsync(HttpClient member, string slug, long expected, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        long seen;
        do
        {
            await Task.Delay(200);
            seen = await PriceAsync(member, slug);
        }
        while (seen != expected && DateTime.UtcNow < deadline);
        return seen;
    }

    private static async Task ChangePriceAsync(Shop shop, long price)
    {
        using var staff = new Api(shop.Staff).As(shop.OwnerToken);
        await Expect.Status(await staff.PatchAsJsonAsync($"/api/v1/{shop.Slug}/admin/products/lune-bag",
            new { variants = new[] { new { sku = "AUR-LUNE-BLK", prices = new[] { new { currency = "GBP", amountMinor = price } } } } }), HttpStatusCode.OK);
    }

    /// <summary>Accepts on a loopback port and pipes each connection to the real Redis.</summary>
    private sealed class RedisForwarder : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly System.Collections.Concurrent.ConcurrentBag<System.Net.Sockets.TcpClient> _open = [];

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
                    _open.Add(client);
                    _open.Add(server);
                    _ = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                    _ = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                }
            });
        }

        /// <summary>Stops listening and closes every forwarded connection: Redis is gone for whoever used it through here.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var connection in _open) connection.Dispose();
        }
    }
}
