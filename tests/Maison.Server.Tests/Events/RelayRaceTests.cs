using System.Collections.Concurrent;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maison.Server.Tests.Events;

/// <summary>
/// Relays of several workers race over one outbox: they claim at the same moments, in small batches, while a sink that
/// takes its time holds each claim open. No two relays may hold one message at once, so every message is delivered
/// exactly once, and every one ends marked processed.
/// </summary>
public sealed class RelayRaceTests
{
    private const int Messages = 300;
    private const int Relays = 6;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // bounded: generous because the whole suite shares 2 cores

    [Fact]
    public async Task Six_relays_claiming_at_once_deliver_every_message_exactly_once()
    {
        var settings = EventServers.FastSettings();
        settings["Maison:Roles"] = "api"; // no relay of the server's own: only the racing ones below claim
        settings["Maison:Outbox:BatchSize"] = "7";
        // No claim may lapse during the test: a lapsed claim is handed to another relay and delivered again, by design.
        settings["Maison:Outbox:LeaseMilliseconds"] = "120000";
        await using var server = await EventServers.StartAsync(settings: settings);
        var scenario = Behaviour.Plain();
        var ids = (await Effects.PublishAsync(server, Enumerable.Range(0, Messages).Select(i => new TestHappened(scenario, i)))).ToHashSet();

        var sink = new CountingSink(ids);
        var options = server.Services.GetRequiredService<EventBusOptions>();
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        using var start = new SemaphoreSlim(0);
        var deadline = DateTime.UtcNow + Patience;
        var runs = Enumerable.Range(0, Relays).Select(async _ =>
        {
            var relay = new OutboxRelay(scopes, sink, options, TimeProvider.System, NullLogger<OutboxRelay>.Instance);
            await start.WaitAsync();
            var claims = 0;
            while (sink.Distinct < Messages && DateTime.UtcNow < deadline)
            {
                // Nothing claimable can still mean work in another relay's hands: look again shortly.
                if (await relay.RunOnceAsync(CancellationToken.None) > 0) claims++;
                else await Task.Delay(5);
            }
            return claims;
        }).ToList();
        start.Release(Relays);
        var claimsPerRelay = await Task.WhenAll(runs);

        Assert.Equal(Messages, sink.Distinct);
        var twice = sink.Deliveries.Where(d => d.Value != 1).Select(d => $"{d.Key} ×{d.Value}").ToList();
        Assert.True(twice.Count == 0, $"delivered more than once: {string.Join(", ", twice.Take(10))}");
        // The race happened: the work was shared, not taken by one relay while the others found nothing.
        Assert.True(claimsPerRelay.Count(c => c > 0) >= 2, $"claims per relay: {string.Join(", ", claimsPerRelay)}");

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        Assert.Equal(Messages, await db.Set<OutboxMessage>().CountAsync(m => ids.Contains(m.Id) && m.ProcessedAt != null && m.ClaimedBy == null));
    }

    /// <summary>Counts deliveries of the test's messages; each takes a moment, so that claims overlap.</summary>
    private sealed class CountingSink(HashSet<Guid> ours) : IOutboxSink
    {
        public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

        public int Distinct => Deliveries.Count;

        public async Task DeliverAsync(EventEnvelope message, CancellationToken ct)
        {
            if (!ours.Contains(message.Id)) return;
            Deliveries.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            await Task.Delay(3, ct);
        }
    }
}
