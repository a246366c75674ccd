using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Events;

public sealed class RabbitMqServerFixture : IAsyncLifetime
{
    private MaisonServer? _server;

    public MaisonServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await EventServers.StartAsync(settings: EventServers.FastSettings("RabbitMQ"));

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>The production bus for real: the relay publishes to RabbitMQ, handlers consume their own durable queues.</summary>
[Trait(TestEngines.EngineTrait, "RabbitMQ")]
public sealed class RabbitMqBusTests(RabbitMqServerFixture fixture) : IClassFixture<RabbitMqServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // bounded: generous because the whole suite shares 2 cores

    private MaisonServer Server => fixture.Server;

    [Fact]
    public async Task Events_travel_through_RabbitMQ_to_every_handler_once()
    {
        var scenario = Behaviour.Plain();
        await Effects.PublishAsync(Server, Enumerable.Range(0, 25).Select(i => new TestHappened(scenario, i)));

        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, scenario)).Rows == 25
            && (await Effects.CountAsync(Server, scenario + ":second")).Rows == 25, Patience, "both handlers applied all");
        await Task.Delay(300);
        Assert.Equal((25, 25), await Effects.CountAsync(Server, scenario));
        Assert.Equal((25, 25), await Effects.CountAsync(Server, scenario + ":second"));
    }

    [Fact]
    public async Task A_handler_failing_three_times_over_RabbitMQ_is_retried_and_applies_once()
    {
        var scenario = Behaviour.FailThrice();
        var id = (await Effects.PublishAsync(Server, [new TestHappened(scenario, 1)]))[0];

        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, scenario)).Rows == 1, Patience, "the retry succeeded");
        await Task.Delay(300);
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario));
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario + ":second"));
        Assert.Equal(4, Behaviour.Attempts[id]);
    }

    [Fact]
    public async Task A_poison_message_over_RabbitMQ_becomes_a_dead_letter_naming_its_handler()
    {
        var scenario = Behaviour.Poison();
        var id = (await Effects.PublishAsync(Server, [new TestHappened(scenario, 1)]))[0];

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        await Effects.WaitUntilAsync(() => db.Set<DeadLetter>().AnyAsync(d => d.MessageId == id), Patience, "a dead letter appeared");
        var letter = await db.Set<DeadLetter>().AsNoTracking().SingleAsync(d => d.MessageId == id);
        Assert.Equal(typeof(EffectHandler).FullName, letter.Handler);
        Assert.Contains("poison", letter.LastError);
        Assert.Equal(5, letter.Attempts);
        // The other handler consumes its own queue: it need not have finished when this one gave up.
        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, scenario + ":second")).Rows == 1, Patience, "the other handler applied");
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario + ":second"));
    }
}

/// <summary>Deliveries that are not Maison events must not block a handler's queue.</summary>
[Trait(TestEngines.EngineTrait, "RabbitMQ")]
public sealed class RabbitMqForeignDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // bounded: generous because the whole suite shares 2 cores

    [Fact]
    public async Task A_delivery_without_a_message_id_is_rejected_and_the_events_behind_it_are_still_handled()
    {
        var settings = EventServers.FastSettings("RabbitMQ");
        settings["Maison:Outbox:Prefetch"] = "1"; // one slot: a delivery left unacknowledged would stall the queue
        settings["Maison:Outbox:Concurrency"] = "1";
        await using var server = await EventServers.StartAsync(settings: settings);
        var bus = server.Services.GetRequiredService<Maison.Commerce.Platform.Events.RabbitMq.RabbitMqBus>();
        var registration = bus.Registrations.Single(r => r.HandlerType == typeof(EffectHandler));

        var connection = await bus.ConnectionAsync(CancellationToken.None);
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.BasicPublishAsync("", bus.QueueOf(registration), mandatory: false,
                new RabbitMQ.Client.BasicProperties { Type = "test.happened" }, "{\"not\":\"ours\"}"u8.ToArray());
        }
        var scenario = Behaviour.Plain();
        await Effects.PublishAsync(server, [new TestHappened(scenario, 1)]);

        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(server, scenario)).Rows == 1, Patience, "the event behind it was handled");
        await using var probe = await connection.CreateChannelAsync();
        var queue = await probe.QueueDeclarePassiveAsync(bus.QueueOf(registration));
        Assert.Equal(0u, queue.MessageCount); // rejected without requeue, not waiting to be delivered again
    }
}
