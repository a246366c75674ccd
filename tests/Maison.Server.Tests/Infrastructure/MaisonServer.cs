using System.Net.Http.Headers;
using Maison.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Maison.Server.Tests.Infrastructure;

/// <summary>
/// The real host (the same composition as production) on a free loopback port, over a fresh database of the
/// provider under test. Tests talk to it over real HTTP.
/// </summary>
public sealed class MaisonServer : IAsyncDisposable
{
    public const string OperatorEmail = "operator@tests.maison";
    public const string OperatorPassword = "operator-password";
    public const string SigningKey = "tests-signing-key-that-is-long-enough-0123456789";

    private readonly WebApplication _app;

    private MaisonServer(WebApplication app, Uri baseAddress, string connectionString)
    {
        _app = app;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
    }

    public Uri BaseAddress { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server on a new database, or on <paramref name="connectionString"/> to share one.</summary>
    public static async Task<MaisonServer> StartAsync(
        string label = "t",
        string? connectionString = null,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        connectionString ??= await TestEngines.CreateDatabaseAsync(label);
        var config = new Dictionary<string, string?>
        {
            ["Maison:Database:Provider"] = TestEngines.Provider.ToString(),
            ["ConnectionStrings:Maison"] = connectionString,
            ["Maison:Auth:SigningKey"] = SigningKey,
            ["Maison:Bootstrap:OperatorEmail"] = OperatorEmail,
            ["Maison:Bootstrap:OperatorPassword"] = OperatorPassword,
            ["Maison:Logging:Plain"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var app = MaisonApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            configure?.Invoke(builder);
        });
        await Startup.MigrateAsync(app.Services);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("tests");
        await Startup.BootstrapOperatorAsync(app.Services, app.Configuration, logger);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MaisonServer(app, new Uri(address), connectionString);
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        // Each fixture has its own database, hence its own Npgsql pool; idle connections would otherwise stay open
        // for minutes and starve the classes that run after it. The server opens its connections with the string
        // Persistence derives (auto-prepare on), which is a pool of its own beside the plain string's.
        if (ConnectionString.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
        {
            ClearPools(ConnectionString);
        }
    }

    public static void ClearPools(string connectionString)
    {
        foreach (var key in new[] { connectionString, Maison.Commerce.Persistence.PersistenceModule.PostgresConnectionString(connectionString) })
        {
            using var connection = new Npgsql.NpgsqlConnection(key);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }
}

/// <summary>One server per test class: <c>IClassFixture&lt;ServerFixture&gt;</c>.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private MaisonServer? _server;

    public MaisonServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public Api Api => new(Server);

    public async Task InitializeAsync() => _server = await MaisonServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
