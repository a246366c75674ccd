using Maison.Commerce.Platform.Events;
using Maison.Commerce.Platform.Events.RabbitMq;
using Maison.Commerce.Platform.Jobs;
using Maison.Server.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Maison.Server.Tests.Events;

/// <summary>
/// The bus hands out its connection only once every handler's queue is declared and bound. A worker's relay and its
/// consumers open the bus at the same time on start; a relay that published through a connection whose topology was
/// still being declared lost those messages for the handlers not bound yet, although the broker confirmed them (a
/// message routed to no queue is confirmed too). WorkerHandoverTests lost the first batch this way, for some handlers.
/// A publish that a handler here must receive is mandatory: if no queue takes it, the broker returns it and it throws.
/// </summary>
[Trait(TestEngines.EngineTrait, "RabbitMQ")]
public sealed class RabbitMqTopologyTests
{
    [Fact]
    public async Task A_message_published_by_a_caller_that_opened_the_bus_while_another_did_reaches_every_handler_queue()
    {
        // Many handlers, so that declaring them all takes long enough for callers to arrive meanwhile.
        var handlers = new[]
        {
            typeof(EffectHandler), typeof(SecondHandler), typeof(string), typeof(int), typeof(long), typeof(Guid), typeof(DateTime),
            typeof(Uri), typeof(TimeSpan), typeof(decimal), typeof(double), typeof(byte), typeof(char), typeof(bool), typeof(short),
            typeof(float), typeof(Version), typeof(object), typeof(Exception), typeof(Random),
        };
        var options = new EventBusOptions
        {
            Bus = BusKind.RabbitMQ,
            RabbitMqUri = TestEngines.RabbitMq,
            Namespace = "test-" + Guid.NewGuid().ToString("N")[..12],
        };
        await using var bus = new RabbitMqBus(options, handlers.Select(h => new EventHandlerRegistration(typeof(TestHappened), h)));

        // One caller opens the bus; four others keep asking for it, each giving up on the gate after a millisecond, so
        // they also look at a connection that appears while the first still declares. Each publishes once it has it.
        var opening = bus.ConnectionAsync(CancellationToken.None);
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                using var brief = new CancellationTokenSource(TimeSpan.FromMilliseconds(1));
                try
                {
                    await bus.ConnectionAsync(brief.Token);
                    break;
                }
                catch (OperationCanceledException)
                {
                }
            }
            var message = new EventEnvelope(Guid.NewGuid(), Guid.Empty, EventTypes.RoutingKey(typeof(TestHappened)),
                typeof(TestHappened).AssemblyQualifiedName!, """{"scenario":"topology","number":1}""", DateTimeOffset.UtcNow);
            await bus.PublishAsync(bus.Exchange, message.Type, message, attempt: 1, delay: null, CancellationToken.None);
        })).ToArray();
        var connection = await opening;
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        await using var probe = await connection.CreateChannelAsync();
        var counts = new List<string>();
        foreach (var registration in bus.Registrations)
        {
            var queue = await probe.QueueDeclarePassiveAsync(bus.QueueOf(registration));
            counts.Add($"{registration.HandlerType.Name} {queue.MessageCount}");
        }
        Assert.All(counts, c => Assert.EndsWith(" 4", c));

        foreach (var registration in bus.Registrations)
        {
            await probe.QueueDeleteAsync(bus.QueueOf(registration));
            await probe.QueueDeleteAsync(bus.RetryQueueOf(registration));
        }
        await probe.ExchangeDeleteAsync(bus.Exchange);
    }

    [Fact]
    public async Task A_message_for_a_handler_whose_queue_is_gone_is_refused_and_delivered_once_the_queue_is_back()
    {
        var options = new EventBusOptions
        {
            Bus = BusKind.RabbitMQ,
            RabbitMqUri = TestEngines.RabbitMq,
            Namespace = "test-" + Guid.NewGuid().ToString("N")[..12],
        };
        var registration = new EventHandlerRegistration(typeof(TestHappened), typeof(EffectHandler));
        await using var bus = new RabbitMqBus(options, [registration]);
        var connection = await bus.ConnectionAsync(CancellationToken.None);
        await using var probe = await connection.CreateChannelAsync();
        var queue = bus.QueueOf(registration);

        // The handler's queue goes behind the bus's back (deleted by an operator, a policy, another deployment).
        await probe.QueueDeleteAsync(queue);
        var handled = Envelope(EventTypes.RoutingKey(typeof(TestHappened)));
        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.PublishException>(
            () => bus.PublishAsync(bus.Exchange, handled.Type, handled, attempt: 1, delay: null, CancellationToken.None));

        // An event no handler here subscribes to reaches no queue, and that is not an error.
        var unhandled = Envelope("test.nobody-listens");
        await bus.PublishAsync(bus.Exchange, unhandled.Type, unhandled, attempt: 1, delay: null, CancellationToken.None);

        // The outbox delivers the refused message again: once the queue is back, it arrives.
        await probe.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await probe.QueueBindAsync(queue, bus.Exchange, handled.Type);
        await bus.PublishAsync(bus.Exchange, handled.Type, handled, attempt: 1, delay: null, CancellationToken.None);
        Assert.Equal(1u, (await probe.QueueDeclarePassiveAsync(queue)).MessageCount);

        await probe.QueueDeleteAsync(queue);
        await probe.QueueDeleteAsync(bus.RetryQueueOf(registration));
        await probe.ExchangeDeleteAsync(bus.Exchange);
    }

    private static EventEnvelope Envelope(string type) =>
        new(Guid.NewGuid(), Guid.Empty, type, typeof(TestHappened).AssemblyQualifiedName!, """{"scenario":"topology","number":2}""", DateTimeOffset.UtcNow);
}
