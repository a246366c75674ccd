using System.Net;
using System.Text.Json.Nodes;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Events;

public sealed class OutboxRelayTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // bounded: generous because the whole suite shares 2 cores

    private MaisonServer Server => fixture.Server;

    [Fact]
    public async Task A_published_event_reaches_every_handler_once()
    {
        var scenario = Behaviour.Plain();
        await Effects.PublishAsync(Server, Enumerable.Range(0, 10).Select(i => new TestHappened(scenario, i)));

        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, scenario + ":second")).Rows == 10, Patience, "the second handler applied all");
        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, scenario)).Rows == 10, Patience, "the first handler applied all");
        await Task.Delay(200);
        Assert.Equal((10, 10), await Effects.CountAsync(Server, scenario));
        Assert.Equal((10, 10), await Effects.CountAsync(Server, scenario + ":second"));
    }

    [Fact]
    public async Task A_handler_that_fails_three_times_then_succeeds_applies_the_message_exactly_once()
    {
        var scenario = Behaviour.FailThrice();
        var id = (await Effects.PublishAsync(Server, [new TestHappened(scenario, 1)]))[0];

        await Effects.WaitUntilAsync(async () => await Processed(id), Patience, "the message was processed");
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario));
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario + ":second"));
        Assert.Equal(4, Behaviour.Attempts[id]);
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var row = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id);
        Assert.Equal(3, row.Attempts);
        Assert.Contains("flaky failure 3", row.LastError);
        Assert.False(await db.Set<DeadLetter>().AnyAsync(d => d.MessageId == id));
    }

    [Fact]
    public async Task A_poison_message_ends_in_dead_letters_with_its_error_and_is_replayed_after_a_fix()
    {
        var scenario = Behaviour.Poison();
        var id = (await Effects.PublishAsync(Server, [new TestHappened(scenario, 7)]))[0];
        using var op = Server.CreateClient(await fixture.Api.OperatorTokenAsync());

        JsonNode? letter = null;
        await Effects.WaitUntilAsync(async () =>
        {
            var page = await Expect.Status(await op.GetAsync("/api/v1/platform/dead-letters?limit=100"), HttpStatusCode.OK);
            letter = page["items"]!.AsArray().FirstOrDefault(i => i!["messageId"]!.GetValue<Guid>() == id);
            return letter is not null;
        }, Patience, "the message became a dead letter");

        Assert.Contains("poison: the handler cannot digest this", letter!["lastError"]!.GetValue<string>());
        Assert.Equal(typeof(EffectHandler).FullName, letter["handler"]!.GetValue<string>());
        Assert.Equal(5, letter["attempts"]!.GetValue<int>());
        Assert.Equal("test.happened", letter["type"]!.GetValue<string>());
        Assert.Equal(scenario, letter["payload"]!["scenario"]!.GetValue<string>());
        Assert.Equal((0, 0), await Effects.CountAsync(Server, scenario));
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario + ":second"));

        Behaviour.Fixed[scenario] = true;
        var letterId = letter["id"]!.GetValue<Guid>();
        await Expect.Status(await op.PostAsync($"/api/v1/platform/dead-letters/{letterId}/replay", null), HttpStatusCode.Accepted);

        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, scenario)).Rows == 1, Patience, "the replay was applied");
        await Effects.WaitUntilAsync(async () => await Processed(id), Patience, "the replayed message was processed");
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario));
        // The handler that had succeeded before skips the replayed message (inbox).
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario + ":second"));
        await Expect.Problem(await op.PostAsync($"/api/v1/platform/dead-letters/{letterId}/replay", null), HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task Concurrent_replays_of_one_dead_letter_replay_it_once()
    {
        var scenario = Behaviour.Poison();
        var id = (await Effects.PublishAsync(Server, [new TestHappened(scenario, 8)]))[0];
        using var op = Server.CreateClient(await fixture.Api.OperatorTokenAsync());
        Guid? letterId = null;
        await Effects.WaitUntilAsync(async () =>
        {
            var page = await Expect.Status(await op.GetAsync("/api/v1/platform/dead-letters?limit=100"), HttpStatusCode.OK);
            letterId = page["items"]!.AsArray().FirstOrDefault(i => i!["messageId"]!.GetValue<Guid>() == id)?["id"]!.GetValue<Guid>();
            return letterId is not null;
        }, Patience, "the message became a dead letter");
        Behaviour.Fixed[scenario] = true;

        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.WaitAsync();
            return await op.PostAsync($"/api/v1/platform/dead-letters/{letterId}/replay", null);
        }).ToList();
        start.Release(20);
        var responses = await Task.WhenAll(tasks);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            await Expect.Problem(refused, HttpStatusCode.Conflict, "invalid_transition");
        }
        await Effects.WaitUntilAsync(async () => await Processed(id) && (await Effects.CountAsync(Server, scenario)).Rows == 1, Patience,
            "the replay was applied");
        await Task.Delay(300);
        Assert.Equal((1, 1), await Effects.CountAsync(Server, scenario));
    }

    [Fact]
    public async Task Dead_letters_are_for_operators_only()
    {
        var tenant = await fixture.Api.CreateTenantAsync();
        using var owner = fixture.Api.As(tenant.OwnerToken);
        await Expect.Status(await owner.GetAsync("/api/v1/platform/dead-letters"), HttpStatusCode.Forbidden);
        using var anonymous = fixture.Api.Anonymous();
        await Expect.Status(await anonymous.GetAsync("/api/v1/platform/dead-letters"), HttpStatusCode.Unauthorized);
    }

    private async Task<bool> Processed(Guid id)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        return await db.Set<OutboxMessage>().AnyAsync(m => m.Id == id && m.ProcessedAt != null);
    }
}
