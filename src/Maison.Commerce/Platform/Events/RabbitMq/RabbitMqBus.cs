using System.Collections.Concurrent;
using System.Text;
using Maison.Commerce.Platform.Jobs;
using RabbitMQ.Client;

namespace Maison.Commerce.Platform.Events.RabbitMq;

/// <summary>
/// The broker side of the bus: one durable topic exchange that the relay publishes to (routing key = event type), a
/// durable queue per handler bound to the event types it handles, and per handler a retry queue whose messages wait
/// out their backoff (per-message TTL) and then dead-letter back into the handler's queue.
/// </summary>
public sealed class RabbitMqBus(EventBusOptions options, IEnumerable<EventHandlerRegistration> registrations) : IAsyncDisposable
{
    public const string ClrTypeHeader = "maison-clr-type";
    public const string TenantHeader = "maison-tenant";
    public const string OccurredAtHeader = "maison-occurred-at";
    public const string AttemptHeader = "maison-attempt";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EventHandlerRegistration[] _registrations = registrations.ToArray();
    /// <summary>The binding keys of this process's handler queues: an event type with one of them must reach a queue.</summary>
    private readonly HashSet<string> _bound = registrations.Select(r => EventTypes.RoutingKey(r.EventType)).ToHashSet(StringComparer.Ordinal);
    private IConnection? _connection;
    // Confirmed publishes wait for the broker one by one per channel; a small pool lets the relay's concurrent
    // deliveries overlap.
    private readonly ConcurrentBag<IChannel> _publishers = [];

    public IReadOnlyList<EventHandlerRegistration> Registrations => _registrations;

    /// <summary>The topic exchange the relay publishes to.</summary>
    public string Exchange => options.Namespace + ".events";

    public string QueueOf(EventHandlerRegistration registration) => $"{options.Namespace}.{HandlerInvoker.NameOf(registration)}";

    public string RetryQueueOf(EventHandlerRegistration registration) => QueueOf(registration) + ".retry";

    public async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true }) return _connection;
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true }) return _connection;
            var factory = new ConnectionFactory { Uri = new Uri(options.RabbitMqUri!), ClientProvidedName = "maison", AutomaticRecoveryEnabled = true };
            var connection = await factory.CreateConnectionAsync(ct);
            try
            {
                await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
                await DeclareTopologyAsync(channel, ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            // Only now may other callers take it, past the check above without the gate: a message published before every
            // handler's queue is bound reaches no queue, and the broker confirms it all the same (it was routed to none).
            _connection = connection;
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Idempotent: every worker declares the whole topology before it publishes or consumes, so none is lost.</summary>
    private async Task DeclareTopologyAsync(IChannel channel, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
        foreach (var registration in _registrations)
        {
            var queue = QueueOf(registration);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
            await channel.QueueBindAsync(queue, Exchange, EventTypes.RoutingKey(registration.EventType), cancellationToken: ct);
            await channel.QueueDeclareAsync(RetryQueueOf(registration), durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = queue,
                }, cancellationToken: ct);
        }
    }

    /// <summary>
    /// Whether a publish must reach a queue: a retry (to its handler's retry queue) always, an event when a handler of
    /// this process is bound to its type. Such a publish is mandatory, so the broker returns it if no queue takes it
    /// (a queue deleted or unbound behind the bus's back) and the publish throws: the outbox keeps the message and
    /// delivers it again, instead of taking the broker's confirm of a message that reached no queue as its delivery.
    /// An event no handler here subscribes to may reach none, and is confirmed as before.
    /// </summary>
    public bool ExpectsQueue(string exchange, string routingKey) =>
        exchange != Exchange || _bound.Contains("#") || _bound.Contains(routingKey);

    /// <summary>Publishes and waits for the broker's confirm; throws if the broker refused, returned it, or is unreachable.</summary>
    public async Task PublishAsync(string exchange, string routingKey, EventEnvelope message, int attempt, TimeSpan? delay, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        IChannel? channel = null;
        while (_publishers.TryTake(out var idle))
        {
            if (idle.IsOpen)
            {
                channel = idle;
                break;
            }
            await idle.DisposeAsync();
        }
        channel ??= await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        try
        {
            var properties = new BasicProperties
            {
                MessageId = message.Id.ToString(),
                Type = message.Type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Expiration = delay is { } d ? ((long)Math.Max(1, d.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                Headers = new Dictionary<string, object?>
                {
                    [ClrTypeHeader] = message.ClrType,
                    [TenantHeader] = message.TenantId.ToString(),
                    [OccurredAtHeader] = message.OccurredAt.ToString("O"),
                    [AttemptHeader] = attempt,
                },
            };
            await channel.BasicPublishAsync(exchange, routingKey, mandatory: ExpectsQueue(exchange, routingKey), properties,
                Encoding.UTF8.GetBytes(message.Payload), ct);
            _publishers.Add(channel);
        }
        catch
        {
            // A channel that failed once (closed by the broker, a lost confirm) is not trusted again.
            await channel.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads a delivery back into the envelope the relay published.</summary>
    public static (EventEnvelope Message, int Attempt) Read(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        string Header(string name) => headers.TryGetValue(name, out var v) ? v switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => "",
            _ => v.ToString() ?? "",
        } : "";
        var attempt = headers.TryGetValue(AttemptHeader, out var a) && a is int i ? i : 1;
        var message = new EventEnvelope(
            Guid.Parse(properties.MessageId ?? throw new InvalidOperationException("A delivery without a message id.")),
            Guid.TryParse(Header(TenantHeader), out var tenant) ? tenant : Guid.Empty,
            properties.Type ?? "",
            Header(ClrTypeHeader),
            Encoding.UTF8.GetString(body.Span),
            DateTimeOffset.TryParse(Header(OccurredAtHeader), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue);
        return (message, attempt);
    }

    public async ValueTask DisposeAsync()
    {
        while (_publishers.TryTake(out var channel)) await channel.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}

/// <summary>The production bus: the relay's delivery is a confirmed publish to the exchange.</summary>
internal sealed class RabbitMqSink(RabbitMqBus bus) : IOutboxSink
{
    public Task DeliverAsync(EventEnvelope message, CancellationToken ct) =>
        bus.PublishAsync(bus.Exchange, message.Type, message, attempt: 1, delay: null, ct);
}
