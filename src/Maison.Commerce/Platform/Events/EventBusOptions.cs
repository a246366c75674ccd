using Maison.Commerce.Persistence;
using Microsoft.Extensions.Configuration;

namespace Maison.Commerce.Platform.Events;

public enum BusKind
{
    InProcess,
    RabbitMQ,
}

/// <summary>
/// The relay's knobs (<c>Maison:Outbox:*</c>) and the bus (<c>Maison:Bus</c>, <c>ConnectionStrings:RabbitMQ</c>).
/// Defaults suit production; tests shorten the intervals.
/// </summary>
public sealed record EventBusOptions
{
    public BusKind Bus { get; init; } = BusKind.InProcess;

    public string? RabbitMqUri { get; init; }

    /// <summary>Prefix of the exchange and queue names (<c>Maison:Bus:Namespace</c>), to share one broker between environments.</summary>
    public string Namespace { get; init; } = "maison";

    /// <summary>How long the relay sleeps when it found nothing to deliver.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(500);

    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// Messages of a batch delivered at once (and handlers run at once per RabbitMQ queue). On SQLite the default is
    /// 1: it has one writer, and its driver blocks a thread while it waits for the write lock, so parallel handlers
    /// buy nothing and starve the thread pool.
    /// </summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>How long a claim lasts; a relay that dies leaves its messages to others after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries before a message becomes a dead letter.</summary>
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Unacknowledged messages a RabbitMQ consumer holds per handler queue.</summary>
    public ushort Prefetch { get; init; } = 32;

    public static EventBusOptions From(IConfiguration configuration)
    {
        var bus = configuration["Maison:Bus"];
        var kind = string.IsNullOrWhiteSpace(bus) ? BusKind.InProcess
            : Enum.TryParse<BusKind>(bus, ignoreCase: true, out var k) ? k
            : throw new InvalidOperationException($"Maison:Bus must be InProcess or RabbitMQ, not '{bus}'.");
        var uri = configuration.GetConnectionString("RabbitMQ");
        if (kind == BusKind.RabbitMQ && string.IsNullOrWhiteSpace(uri))
        {
            throw new InvalidOperationException("Maison:Bus=RabbitMQ needs ConnectionStrings:RabbitMQ (an amqp:// URI).");
        }
        if (kind == BusKind.RabbitMQ && Persistence.PersistenceModule.Provider(configuration) != Persistence.DatabaseProvider.PostgreSQL)
        {
            // Supported pairings: SQLite with the in-process bus (embedded), PostgreSQL with RabbitMQ (production).
            // SQLite under RabbitMQ's concurrent consumers showed handlers that never finished, so it is refused.
            throw new InvalidOperationException("Maison:Bus=RabbitMQ needs Maison:Database:Provider=PostgreSQL; SQLite runs with the InProcess bus.");
        }
        var section = configuration.GetSection("Maison:Outbox");
        var defaults = new EventBusOptions();
        return new EventBusOptions
        {
            Bus = kind,
            RabbitMqUri = uri,
            Namespace = configuration["Maison:Bus:Namespace"] is { Length: > 0 } ns ? ns : defaults.Namespace,
            Poll = TimeSpan.FromMilliseconds(section.GetValue("PollMilliseconds", defaults.Poll.TotalMilliseconds)),
            BatchSize = section.GetValue("BatchSize", defaults.BatchSize),
            Concurrency = Math.Max(1, section.GetValue("Concurrency",
                PersistenceModule.Provider(configuration) == DatabaseProvider.Sqlite ? 1 : defaults.Concurrency)),
            Lease = TimeSpan.FromMilliseconds(section.GetValue("LeaseMilliseconds", defaults.Lease.TotalMilliseconds)),
            MaxAttempts = section.GetValue("MaxAttempts", defaults.MaxAttempts),
            RetryBase = TimeSpan.FromMilliseconds(section.GetValue("RetryBaseMilliseconds", defaults.RetryBase.TotalMilliseconds)),
            RetryMax = TimeSpan.FromMilliseconds(section.GetValue("RetryMaxMilliseconds", defaults.RetryMax.TotalMilliseconds)),
            Prefetch = section.GetValue("Prefetch", defaults.Prefetch),
        };
    }
}
