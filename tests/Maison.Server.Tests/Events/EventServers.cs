using Maison.Commerce.Platform.Jobs;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Events;

/// <summary>Servers with the test handlers registered and the relay's intervals shortened.</summary>
public static class EventServers
{
    public static Dictionary<string, string?> FastSettings(string bus = "InProcess", string? busNamespace = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Maison:Outbox:PollMilliseconds"] = "20",
            ["Maison:Outbox:BatchSize"] = "20",
            ["Maison:Outbox:LeaseMilliseconds"] = "3000",
            ["Maison:Outbox:MaxAttempts"] = "5",
            ["Maison:Outbox:RetryBaseMilliseconds"] = "20",
            ["Maison:Outbox:RetryMaxMilliseconds"] = "200",
            ["Maison:Webhooks:PollMilliseconds"] = "20",
            ["Maison:Webhooks:RetryBaseMilliseconds"] = "20",
            ["Maison:Webhooks:RetryMaxMilliseconds"] = "200",
            ["Maison:Webhooks:MaxAttempts"] = "4",
            ["Maison:Jobs:PollMilliseconds"] = "200",
            ["Maison:Bus"] = bus,
        };
        if (bus == "RabbitMQ")
        {
            settings["ConnectionStrings:RabbitMQ"] = TestEngines.RabbitMq;
            // RabbitMQ is paired with PostgreSQL (the server refuses it on SQLite), whichever provider this run tests.
            settings["Maison:Database:Provider"] = "PostgreSQL";
            settings["Maison:Bus:Namespace"] = busNamespace ?? "test-" + Guid.NewGuid().ToString("N")[..12];
        }
        return settings;
    }

    public static async Task<MaisonServer> StartAsync(string? connectionString = null, Dictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        settings ??= FastSettings();
        if (connectionString is null && settings.GetValueOrDefault("Maison:Bus") == "RabbitMQ")
        {
            connectionString = await TestEngines.CreatePostgresDatabaseAsync("events");
        }
        var server = await MaisonServer.StartAsync("events", connectionString, settings, b =>
        {
            b.Services.AddEventHandler<TestHappened, EffectHandler>();
            b.Services.AddEventHandler<TestHappened, SecondHandler>();
            b.Services.AddRecurringJob<TestJob>(TestJob.Name, "0 0 1 1 *");
            configure?.Invoke(b);
        });
        await Effects.CreateTableAsync(server);
        return server;
    }
}

public sealed class EventServerFixture : IAsyncLifetime
{
    private MaisonServer? _server;

    public MaisonServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public Api Api => new(Server);

    public async Task InitializeAsync() => _server = await EventServers.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
