using FsCheck;
using FsCheck.Fluent;
using Maison.Commerce.Inventory;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Inventory;

/// <summary>
/// Model-based: random sequences of reserve / commit / release / expire / adjust / partner count run against the real
/// module services (same DbContext, same database engine as production) and against a plain in-memory model; after
/// every step the levels must match the model, on-hand must equal the ledger's sum, and none of our own actions may
/// take a level's available units below zero.
/// </summary>
public sealed class InventoryModelTests : IAsyncLifetime
{
    private static readonly string[] Locations = ["a", "b"];
    private const int Skus = 3;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow); // tokens are checked against the wall clock
    private MaisonServer? _server;
    private Guid _tenantId;
    private string _tenantSlug = "";

    public async Task InitializeAsync()
    {
        _server = await MaisonServer.StartAsync("model", configure: b => b.Services.AddSingleton<TimeProvider>(_time));
        var api = new Api(_server);
        var tenant = await api.CreateTenantAsync();
        using var inv = new InventoryClient(api.As(tenant.OwnerToken), tenant.Slug);
        foreach (var code in Locations) await inv.LocationAsync(code);
        _tenantSlug = tenant.Slug;
        await using var scope = _server.Services.CreateAsyncScope();
        _tenantId = (await scope.ServiceProvider.GetRequiredService<Maison.Commerce.Tenancy.Contracts.ITenantDirectory>()
            .FindBySlugAsync(tenant.Slug, default))!.Id;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    public abstract record Op;

    public sealed record Reserve(IReadOnlyList<(int Sku, int Quantity)> Lines, int TtlMinutes) : Op;

    public sealed record Commit(int Pick) : Op;

    public sealed record Release(int Pick) : Op;

    public sealed record Expire(int Minutes) : Op;

    public sealed record Adjust(int Sku, int Location, int OnHand, int Safety) : Op;

    public sealed record PartnerCount(int Sku, int Location, int OnHand, int AsOfMinutes) : Op;

    private static Gen<Op> Ops()
    {
        var sku = Gen.Choose(0, Skus - 1);
        var location = Gen.Choose(0, Locations.Length - 1);
        var line = sku.Zip(Gen.Choose(1, 4), (s, q) => (s, q));
        var reserve = from lines in Gen.NonEmptyListOf(line)
                      from ttl in Gen.Choose(1, 20)
                      select (Op)new Reserve(lines.Take(3).ToList(), ttl);
        var adjust = from s in sku
                     from l in location
                     from n in Gen.Choose(0, 10)
                     from safety in Gen.Choose(0, 2)
                     select (Op)new Adjust(s, l, n, safety);
        var partner = from s in sku
                      from l in location
                      from n in Gen.Choose(0, 10)
                      from minutes in Gen.Choose(-30, 30)
                      select (Op)new PartnerCount(s, l, n, minutes);
        return Gen.Frequency(new[]
        {
            (5, reserve),
            (2, Gen.Choose(0, 50).Select(p => (Op)new Commit(p))),
            (2, Gen.Choose(0, 50).Select(p => (Op)new Release(p))),
            (2, Gen.Choose(0, 20).Select(m => (Op)new Expire(m))),
            (3, adjust),
            (3, partner),
        });
    }

    [Fact]
    public void Random_operation_sequences_keep_levels_equal_to_the_model_and_the_ledger_and_never_oversell()
    {
        var sequences = Gen.ListOf(Ops()).Select(ops => ops.Take(25).ToList()).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(sequences, ops => RunAsync(ops).GetAwaiter().GetResult()));
    }

    private sealed class ModelLevel
    {
        public int OnHand;
        public int Reserved;
        public int Safety;
        public DateTimeOffset? CountedAsOf;

        public int Available => OnHand - Reserved - Safety;
    }

    private sealed record ModelReservation(Guid Id, List<(string Sku, string Location, int Quantity)> Lines, DateTimeOffset ExpiresAt)
    {
        public ReservationStatus Status { get; set; } = ReservationStatus.Held;
    }

    private async Task RunAsync(List<Op> ops)
    {
        var prefix = "M" + Guid.NewGuid().ToString("N")[..10] + "-";
        var skus = Enumerable.Range(0, Skus).Select(i => prefix + i).ToArray();
        var model = skus.SelectMany(s => Locations.Select(l => (s, l))).ToDictionary(k => k, _ => new ModelLevel());
        var reservations = new List<ModelReservation>();
        var origin = _time.GetUtcNow();

        foreach (var (op, step) in ops.Select((o, i) => (o, i)))
        {
            var before = model.ToDictionary(kv => kv.Key, kv => kv.Value.Available);
            var ownAction = op is Reserve or Commit or Release or Expire;
            switch (op)
            {
                case Reserve r:
                {
                    var wanted = r.Lines.GroupBy(l => skus[l.Sku]).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
                    var canCover = wanted.All(w => Locations.Sum(l => Math.Max(0, model[(w.Key, l)].Available)) >= w.Value);
                    var result = await WithAsync<ReservationService, ReserveResult>(s =>
                        s.ReserveAsync(wanted.Select(w => new ReserveLine(w.Key, w.Value)).ToList(), TimeSpan.FromMinutes(r.TtlMinutes), null, null, default));
                    Assert.True(canCover == result.Succeeded, $"step {step}: reserve {string.Join(",", wanted)} succeeded={result.Succeeded}, model says {canCover}");
                    if (result.Reservation is { } held)
                    {
                        foreach (var line in held.Lines) model[(line.Sku, line.Location)].Reserved += line.Quantity;
                        foreach (var w in wanted) Assert.Equal(w.Value, held.Lines.Where(l => l.Sku == w.Key).Sum(l => l.Quantity));
                        reservations.Add(new ModelReservation(held.Id, held.Lines.Select(l => (l.Sku, l.Location, l.Quantity)).ToList(), held.ExpiresAt));
                    }
                    break;
                }
                case Commit c when reservations.Count > 0:
                {
                    var target = reservations[c.Pick % reservations.Count];
                    var ok = await TryAsync(s => s.CommitAsync(target.Id, default));
                    Assert.Equal(target.Status == ReservationStatus.Held, ok);
                    if (ok)
                    {
                        target.Status = ReservationStatus.Committed;
                        foreach (var (sku, location, quantity) in target.Lines)
                        {
                            model[(sku, location)].OnHand -= quantity;
                            model[(sku, location)].Reserved -= quantity;
                        }
                    }
                    break;
                }
                case Release rel when reservations.Count > 0:
                {
                    var target = reservations[rel.Pick % reservations.Count];
                    var ok = await TryAsync(s => s.ReleaseAsync(target.Id, "model", default));
                    Assert.Equal(target.Status == ReservationStatus.Held, ok);
                    if (ok) ReleaseInModel(model, target);
                    break;
                }
                case Expire e:
                {
                    _time.Advance(TimeSpan.FromMinutes(e.Minutes));
                    await WithAsync<ReservationService, int>(s => s.ExpireDueAsync(default));
                    foreach (var due in reservations.Where(x => x.Status == ReservationStatus.Held && x.ExpiresAt <= _time.GetUtcNow()))
                    {
                        ReleaseInModel(model, due);
                    }
                    break;
                }
                case Adjust a:
                {
                    var key = (skus[a.Sku], Locations[a.Location]);
                    await CountAsync(key.Item1, key.Item2, a.OnHand, a.Safety, null, MovementKind.Adjustment);
                    model[key].OnHand = a.OnHand;
                    model[key].Safety = a.Safety;
                    break;
                }
                case PartnerCount p:
                {
                    var key = (skus[p.Sku], Locations[p.Location]);
                    var asOf = origin.AddMinutes(p.AsOfMinutes);
                    var outcome = await CountAsync(key.Item1, key.Item2, p.OnHand, null, asOf, MovementKind.Sync);
                    var stale = model[key].CountedAsOf is { } last && asOf <= last;
                    Assert.Equal(stale ? CountOutcome.Stale : CountOutcome.Applied, outcome);
                    if (!stale)
                    {
                        model[key].OnHand = p.OnHand;
                        model[key].CountedAsOf = asOf;
                    }
                    break;
                }
            }

            await CheckAsync(step, op, skus, model, before, ownAction, reservations);
        }
    }

    private static void ReleaseInModel(Dictionary<(string, string), ModelLevel> model, ModelReservation reservation)
    {
        reservation.Status = ReservationStatus.Released;
        foreach (var (sku, location, quantity) in reservation.Lines) model[(sku, location)].Reserved -= quantity;
    }

    private async Task CheckAsync(int step, Op op, string[] skus, Dictionary<(string, string), ModelLevel> model,
        Dictionary<(string, string), int> before, bool ownAction, List<ModelReservation> reservations)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var levels = await (from l in db.Set<StockLevel>().AsNoTracking()
                            join loc in db.Set<Location>().AsNoTracking() on l.LocationId equals loc.Id
                            where skus.Contains(l.Sku)
                            select new { l.Id, l.Sku, loc.Code, l.OnHand, l.Reserved, l.SafetyStock }).ToListAsync();
        var ledger = await db.Set<StockMovement>().AsNoTracking().Where(m => skus.Contains(m.Sku))
            .GroupBy(m => m.LevelId).Select(g => new { g.Key, Sum = g.Sum(m => m.Quantity) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        var where = $"after step {step} ({op})";
        foreach (var ((sku, location), expected) in model)
        {
            var real = levels.SingleOrDefault(l => l.Sku == sku && l.Code == location);
            var (onHand, reserved, safety) = real is null ? (0, 0, 0) : (real.OnHand, real.Reserved, real.SafetyStock);
            Assert.True(expected.OnHand == onHand && expected.Reserved == reserved && expected.Safety == safety,
                $"{where}: {sku}@{location} is {onHand}/{reserved}/{safety}, model {expected.OnHand}/{expected.Reserved}/{expected.Safety}");
            Assert.True(onHand == (real is null ? 0 : ledger.GetValueOrDefault(real.Id)), $"{where}: {sku}@{location} on-hand {onHand} ≠ ledger sum");
            var available = onHand - reserved - safety;
            if (ownAction) Assert.True(available >= 0 || available >= before[(sku, location)], $"{where}: our own action oversold {sku}@{location}");
        }
        Assert.All(reservations.Where(r => r.Status == ReservationStatus.Held), r =>
            Assert.True(r.Lines.All(l => model[(l.Sku, l.Location)].Reserved >= l.Quantity)));
    }

    private async Task<CountOutcome> CountAsync(string sku, string locationCode, int onHand, int? safety, DateTimeOffset? asOf, MovementKind kind)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var location = await db.Set<Location>().AsNoTracking().SingleAsync(l => l.Code == locationCode);
        return await scope.ServiceProvider.GetRequiredService<StockCounts>()
            .ApplyAsync(new StockCount(sku, location, onHand, safety, asOf, kind, "model", null), default);
    }

    private async Task<bool> TryAsync(Func<ReservationService, Task> action)
    {
        try
        {
            await WithAsync<ReservationService, int>(async s =>
            {
                await action(s);
                return 0;
            });
            return true;
        }
        catch (DomainException e) when (e.Code == ProblemCodes.InvalidTransition)
        {
            return false;
        }
    }

    private async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private AsyncServiceScope Scope()
    {
        var scope = _server!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(_tenantId, _tenantSlug);
        return scope;
    }
}
