using Maison.Commerce.Persistence;
using Maison.Commerce.Promotions.Contracts;
using Maison.Server.Tests.Infrastructure;
using Maison.Server.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using static Maison.Server.Tests.Promotions.PromotionsClient;

namespace Maison.Server.Tests.Promotions;

/// <summary>
/// Redemptions raced from many DI scopes at once (each its own CommerceDb and connection, as concurrent checkouts are)
/// against the real database: the conditional updates, not luck, keep the limits.
/// </summary>
[Collection("Promotions concurrency")]
public sealed class RedemptionConcurrencyTests(BoundedServerFixture fixture) : IClassFixture<BoundedServerFixture>
{
    private readonly Api _api = fixture.Api;

    private async Task<(PromotionsClient Client, DiscountQuote Quote)> CodeAsync(object promotion, string code)
    {
        var client = new PromotionsClient(_api, await _api.CreateTenantAsync());
        await client.CreateAsync(promotion);
        return (client, await client.QuoteAsync(code, [Line("A", 10_000)]));
    }

    [Fact]
    public async Task Two_hundred_concurrent_redemptions_of_a_code_limited_to_50_give_exactly_50_successes()
    {
        var (promotions, quote) = await CodeAsync(new { code = "DROP50", kind = "percentage", percentOff = 10, usageLimit = 50 }, "DROP50");
        using var _ = promotions;

        var results = await RaceAsync(200, _ => promotions.RedeemAsync(quote.Applied, Guid.NewGuid(), Guid.NewGuid()));

        Assert.Equal(50, results.Count(ok => ok));
        var id = quote.Applied[0].PromotionId;
        Assert.Equal(50, await promotions.CountedUsesAsync(id));
        Assert.Equal(50, (await promotions.GetAsync("DROP50"))["uses"]!.GetValue<int>());
    }

    [Fact]
    public async Task One_member_racing_forty_orders_against_a_per_member_limit_of_2_gets_exactly_2()
    {
        var (promotions, quote) = await CodeAsync(new { code = "TWICE", kind = "percentage", percentOff = 10, perMemberLimit = 2 }, "TWICE");
        using var _ = promotions;
        var member = Guid.NewGuid();

        var results = await RaceAsync(40, _ => promotions.RedeemAsync(quote.Applied, member, Guid.NewGuid()));

        Assert.Equal(2, results.Count(ok => ok));
        Assert.True(await promotions.RedeemAsync(quote.Applied, Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(3, (await promotions.GetAsync("TWICE"))["uses"]!.GetValue<int>());
    }

    [Fact]
    public async Task Twenty_concurrent_releases_of_one_order_give_its_use_back_exactly_once()
    {
        var (promotions, quote) = await CodeAsync(new { code = "THREE", kind = "fixed", amountOff = new { currency = "GBP", amountMinor = 500 },
            usageLimit = 3, perMemberLimit = 1 }, "THREE");
        using var _ = promotions;
        var member = Guid.NewGuid();
        var orders = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        Assert.True(await promotions.RedeemAsync(quote.Applied, member, orders[0]));
        Assert.True(await promotions.RedeemAsync(quote.Applied, Guid.NewGuid(), orders[1]));
        Assert.True(await promotions.RedeemAsync(quote.Applied, Guid.NewGuid(), orders[2]));

        await RaceAsync(20, _ => promotions.ReleaseAsync(orders[0]));

        Assert.Equal(2, await promotions.CountedUsesAsync(quote.Applied[0].PromotionId));
        // Given back once: one new order fits under the limit, a second does not; and the member may use it again.
        var again = await RaceAsync(2, i => promotions.RedeemAsync(quote.Applied, i == 0 ? member : Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(1, again.Count(ok => ok));
        Assert.Equal(3, (await promotions.GetAsync("THREE"))["uses"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_order_redeemed_twice_is_counted_once_and_a_release_of_an_unknown_order_changes_nothing()
    {
        var (promotions, quote) = await CodeAsync(new { code = "IDEM", kind = "percentage", percentOff = 10, usageLimit = 5 }, "IDEM");
        using var _ = promotions;
        var order = Guid.NewGuid();

        var results = await RaceAsync(10, _ => promotions.RedeemAsync(quote.Applied, Guid.NewGuid(), order));
        await promotions.ReleaseAsync(Guid.NewGuid());

        Assert.All(results, Assert.True);
        Assert.Equal(1, await promotions.CountedUsesAsync(quote.Applied[0].PromotionId));
    }

    [Fact]
    public async Task Inside_the_callers_transaction_a_refused_redemption_counts_nothing_and_a_rollback_gives_everything_back()
    {
        var client = new PromotionsClient(_api, await _api.CreateTenantAsync());
        using var promotions = client;
        await promotions.CreateAsync(new { code = "OPEN", kind = "percentage", percentOff = 10, usageLimit = 10 });
        await promotions.CreateAsync(new { code = "SHUT", kind = "percentage", percentOff = 5, automatic = true, usageLimit = 1 });
        var quote = await promotions.QuoteAsync("OPEN", [Line("A", 10_000)]);
        Assert.Equal(2, quote.Applied.Count);
        Assert.True(await promotions.RedeemAsync([quote.Applied[1]], Guid.NewGuid(), Guid.NewGuid()));

        // The saga's transaction: the automatic promotion is used up, so nothing is counted, and the transaction goes on.
        var refused = await promotions.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommerceDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var ok = await sp.GetRequiredService<IPromotions>().TryRedeemAsync(quote.Applied, Guid.NewGuid(), Guid.NewGuid(), default);
            var stillUsable = await db.Set<Maison.Commerce.Promotions.Promotion>().CountAsync();
            await tx.CommitAsync();
            return (ok, stillUsable);
        });
        // A counted redemption in a transaction the caller then rolls back leaves no trace.
        await promotions.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommerceDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.True(await sp.GetRequiredService<IPromotions>().TryRedeemAsync([quote.Applied[0]], Guid.NewGuid(), Guid.NewGuid(), default));
            await tx.RollbackAsync();
            return true;
        });

        Assert.Equal((false, 2), refused);
        Assert.Equal(0, await promotions.CountedUsesAsync(quote.Applied[0].PromotionId));
        Assert.Equal(0, (await promotions.GetAsync("OPEN"))["uses"]!.GetValue<int>());
    }
}
