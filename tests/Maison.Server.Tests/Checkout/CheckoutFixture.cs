using Maison.Commerce.Payments.Sandbox;
using Maison.Server.Tests.Infrastructure;
using Npgsql;

namespace Maison.Server.Tests.Checkout;

/// <summary>
/// A server whose sandbox gateway runs on its own loopback port (as the sandbox-gateway command would), so tests can
/// count authorizations in its books; on PostgreSQL the pool is capped so racing tests queue instead of starving others.
/// </summary>
public sealed class CheckoutFixture : IAsyncLifetime
{
    private SandboxGatewayApp? _sandbox;
    private MaisonServer? _server;

    public MaisonServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public SandboxGatewayApp Sandbox => _sandbox ?? throw new InvalidOperationException("The sandbox has not started.");

    public Api Api => new(Server);

    public ShopApi Shop => new(Api);

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxGatewayApp.StartAsync();
        _server = await MaisonServer.StartAsync(connectionString: await DatabaseAsync("checkout"), settings: Settings(_sandbox));
    }

    public static IDictionary<string, string?> Settings(SandboxGatewayApp sandbox) => new Dictionary<string, string?>
    {
        [SandboxGatewayEndpoint.UrlKey] = sandbox.BaseAddress.ToString(),
    };

    public static async Task<string> DatabaseAsync(string label)
    {
        var connectionString = await TestEngines.CreateDatabaseAsync(label);
        return TestEngines.IsPostgres
            ? new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40, Timeout = 60 }.ConnectionString
            : connectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_sandbox is not null) await _sandbox.DisposeAsync();
    }
}
