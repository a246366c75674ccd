using System.Collections.Concurrent;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Events;

/// <summary>A delivery that never completes (a broker confirm that never comes) is given up and retried, not waited on forever.</summary>
public sealed class HungDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120); // bounded: generous because the whole suite shares 2 cores

    /// <summary>Hangs on the first delivery of each message until cancelled, as a publish awaiting a lost confirm does.</summary>
    private sealed class HangsOnceSink : IOutboxSink
    {
        public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

        public async Task DeliverAsync(EventEnvelope message, CancellationToken ct)
        {
            if (Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1) == 1) await Task.Delay(Timeout.Infinite, ct);
        }
    }

    [Fact]
    public async Task A_delivery_that_hangs_is_abandoned_after_half_the_lease_and_delivered_on_the_next_attempt()
    {
        var sink = new HangsOnceSink();
        await using var server = await EventServers.StartAsync(settings: EventServers.FastSettings(),
            configure: b => b.Services.AddSingleton<IOutboxSink>(sink));
        var id = (await Effects.PublishAsync(server, [new TestHappened(Behaviour.Plain(), 1)]))[0];

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        await Effects.WaitUntilAsync(() => db.Set<OutboxMessage>().AnyAsync(m => m.Id == id && m.ProcessedAt != null), Patience,
            "the message was delivered after its first delivery hung");
        Assert.Equal(2, sink.Attempts[id]);
    }
}
