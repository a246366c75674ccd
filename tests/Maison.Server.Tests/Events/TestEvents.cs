using System.Collections.Concurrent;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Platform.Jobs;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Events;

/// <summary>A test-only event; <see cref="Scenario"/> tells the handlers how to behave (see <see cref="Behaviour"/>).</summary>
[EventType("test.happened")]
public sealed record TestHappened(string Scenario, int Number) : IntegrationEvent;

/// <summary>How the test handlers behave per scenario; scenarios carry a fresh id, so tests never see each other's state.</summary>
public static class Behaviour
{
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();
    public static readonly ConcurrentDictionary<string, bool> Fixed = new();

    /// <summary>The (handler, event id) pairs a handler was ever handed, whether its work committed or not.</summary>
    public static readonly ConcurrentDictionary<(string Handler, Guid Event), bool> Handed = new();

    public static void Hand(string handler, TestHappened e) => Handed.TryAdd((handler, e.Id), true);

    public static string Slow(int ms) => $"slow:{ms}:{Guid.NewGuid():N}";

    public static string FailThrice() => $"flaky:{Guid.NewGuid():N}";

    public static string Poison() => $"poison:{Guid.NewGuid():N}";

    public static string Plain() => $"plain:{Guid.NewGuid():N}";

    public static async Task ApplyAsync(TestHappened e, CancellationToken ct)
    {
        var attempt = Attempts.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
        var kind = e.Scenario.Split(':')[0];
        if (kind == "slow") await Task.Delay(int.Parse(e.Scenario.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture), ct);
        if (kind == "flaky" && attempt <= 3) throw new InvalidOperationException($"flaky failure {attempt}");
        if (kind == "poison" && !Fixed.ContainsKey(e.Scenario)) throw new InvalidOperationException("poison: the handler cannot digest this");
    }
}

/// <summary>
/// Records each application as a row in <c>test_effects</c> (no unique key, so a double application shows), inside the
/// relay's transaction: the inbox row and the effect commit together.
/// </summary>
public sealed class EffectHandler(CommerceDb db) : IEventHandler<TestHappened>
{
    public async Task HandleAsync(TestHappened e, CancellationToken ct)
    {
        Behaviour.Hand(nameof(EffectHandler), e);
        await Behaviour.ApplyAsync(e, ct);
        await Effects.RecordAsync(db, e.Id, e.Scenario, ct);
    }
}

/// <summary>A second handler of the same event that always succeeds.</summary>
public sealed class SecondHandler(CommerceDb db) : IEventHandler<TestHappened>
{
    public Task HandleAsync(TestHappened e, CancellationToken ct)
    {
        Behaviour.Hand(nameof(SecondHandler), e);
        return Effects.RecordAsync(db, e.Id, e.Scenario + ":second", ct);
    }
}

/// <summary>A recurring job for the Hangfire wiring: records one effect per run.</summary>
public sealed class TestJob(CommerceDb db) : IRecurringJob
{
    public const string Name = "test-job";
    public const string Scenario = "job";

    public Task RunAsync(CancellationToken ct) => Effects.RecordAsync(db, Guid.NewGuid(), Scenario, ct);
}

public static class Effects
{
    public static async Task CreateTableAsync(MaisonServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS test_effects (message_id VARCHAR(40) NOT NULL, scenario VARCHAR(200) NOT NULL)");
    }

    public static Task RecordAsync(CommerceDb db, Guid messageId, string scenario, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO test_effects (message_id, scenario) VALUES ({messageId.ToString()}, {scenario})", ct);

    /// <summary>(rows, distinct messages) recorded for a scenario.</summary>
    public static async Task<(int Rows, int Messages)> CountAsync(MaisonServer server, string scenario)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var rows = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM test_effects WHERE scenario = {scenario}").SingleAsync();
        var messages = await db.Database.SqlQuery<int>($"SELECT COUNT(DISTINCT message_id) AS \"Value\" FROM test_effects WHERE scenario = {scenario}").SingleAsync();
        return (rows, messages);
    }

    /// <summary>The message ids recorded for a scenario.</summary>
    public static async Task<List<string>> MessageIdsAsync(MaisonServer server, string scenario)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        return await db.Database.SqlQuery<string>($"SELECT DISTINCT message_id AS \"Value\" FROM test_effects WHERE scenario = {scenario}").ToListAsync();
    }

    /// <summary>Writes events into the outbox the way modules do: <c>db.Publish</c> and one SaveChanges.</summary>
    public static async Task<List<Guid>> PublishAsync(MaisonServer server, IEnumerable<IntegrationEvent> events, Guid? tenantId = null, string? slug = null)
    {
        await using var scope = server.Services.CreateAsyncScope();
        if (tenantId is { } id) scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id, slug!);
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var ids = new List<Guid>();
        foreach (var e in events)
        {
            db.Publish(e);
            ids.Add(e.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; on timeout fails with <paramref name="describe"/>'s state, if given.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"timed out waiting until {what}{(describe is null ? "" : "; " + await describe())}");
            }
            await Task.Delay(50);
        }
    }
}
