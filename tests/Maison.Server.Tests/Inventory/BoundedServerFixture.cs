using Maison.Server.Tests.Infrastructure;
using Npgsql;

namespace Maison.Server.Tests.Inventory;

/// <summary>
/// A server for the tests that fire hundreds of requests at once: on PostgreSQL its pool is capped (requests queue for
/// a connection, as in production) and emptied at the end, so these tests never take the connections that the test
/// classes running beside them need.
/// </summary>
public sealed class BoundedServerFixture : IAsyncLifetime
{
    private const int PoolSize = 40;
    private MaisonServer? _server;

    public Api Api => new(_server ?? throw new InvalidOperationException("The server has not started."));

    public async Task InitializeAsync()
    {
        var connectionString = await TestEngines.CreateDatabaseAsync("bounded");
        if (TestEngines.IsPostgres)
        {
            connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = PoolSize, Timeout = 60 }.ConnectionString;
        }
        _server = await MaisonServer.StartAsync(connectionString: connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_server is null) return;
        await _server.DisposeAsync();
        if (TestEngines.IsPostgres) MaisonServer.ClearPools(_server.ConnectionString);
    }
}
