using System.Net;
using Maison.Commerce.Platform;
using Maison.Commerce.Promotions.Contracts;
using Maison.Server.Tests.Infrastructure;
using static Maison.Server.Tests.Promotions.PromotionsClient;

namespace Maison.Server.Tests.Promotions;

/// <summary>IPromotions.QuoteAsync as Cart calls it: which promotions apply, how they combine, and the 422/409 answers.</summary>
public sealed class PromotionQuoteTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private async Task<PromotionsClient> TenantAsync() => new(_api, await _api.CreateTenantAsync());

    [Fact]
    public async Task A_percentage_code_is_split_over_the_lines_and_sums_exactly_to_the_total()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "TEN", kind = "percentage", percentOff = 10 });

        var quote = await promotions.QuoteAsync("ten", [Line("A", 3_333), Line("B", 3_333), Line("C", 3_334)]);

        Assert.Equal("TEN", quote.Code);
        Assert.Equal(Money.Of(1_000, "GBP"), quote.Total);
        Assert.Equal(quote.Total, Money.Sum(quote.PerLine, Currency.GBP));
        Assert.All(quote.PerLine, d => Assert.InRange(d.AmountMinor, 333, 334));
        var applied = Assert.Single(quote.Applied);
        Assert.Equal((await promotions.IdAsync("TEN"), "TEN", false, Money.Of(1_000, "GBP")), (applied.PromotionId, applied.Code, applied.Automatic, applied.Amount));
    }

    [Fact]
    public async Task A_code_and_automatic_promotions_combine_percentages_first_then_fixed_amounts()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "FIVE-OFF", kind = "fixed", amountOff = new { currency = "JPY", amountMinor = 5_000 } });
        await promotions.CreateAsync(new { code = "AUREL-20", kind = "percentage", percentOff = 20, automatic = true, brands = new[] { "maison-aurel" } });
        await promotions.CreateAsync(new { code = "GOLD-10", kind = "percentage", percentOff = 10, automatic = true, tiers = new[] { "gold" } });

        // ¥100,000 Aurel + ¥50,000 other brand, gold member: 20 % of 100,000 + 10 % of 150,000 = 35,000, then ¥5,000 fixed.
        var quote = await promotions.QuoteAsync("five-off", [Line("AUR-1", 100_000, "JPY"), Line("VEL-1", 50_000, "JPY", brand: "vellani")], tier: "gold");

        Assert.Equal(Money.Of(40_000, "JPY"), quote.Total);
        Assert.Equal(quote.Total, Money.Sum(quote.PerLine, Currency.JPY));
        Assert.Equal(["FIVE-OFF", "AUREL-20", "GOLD-10"], quote.Applied.Select(a => a.Code));
        Assert.Equal([5_000L, 20_000L, 15_000L], quote.Applied.Select(a => a.Amount.AmountMinor));
        Assert.True(quote.PerLine[0].AmountMinor > quote.PerLine[1].AmountMinor);
    }

    [Fact]
    public async Task Automatic_promotions_skip_other_tiers_other_categories_and_carts_below_their_minimum()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "GOLD-ONLY", kind = "percentage", percentOff = 10, automatic = true, tiers = new[] { "gold" } });
        await promotions.CreateAsync(new { code = "SHOES-ONLY", kind = "percentage", percentOff = 10, automatic = true, categories = new[] { "shoes" } });
        await promotions.CreateAsync(new { code = "BIG-CARTS", kind = "fixed", automatic = true, amountOff = new { currency = "GBP", amountMinor = 1_000 },
            minSubtotal = new { currency = "GBP", amountMinor = 100_000 } });

        var quote = await promotions.QuoteAsync(null, [Line("BAG", 50_000, categories: "bags")], tier: "silver");

        Assert.Null(quote.Code);
        Assert.Equal(Money.Of(0, "GBP"), quote.Total);
        Assert.Empty(quote.Applied);
        Assert.Equal([Money.Of(0, "GBP")], quote.PerLine);
    }

    [Fact]
    public async Task A_discount_never_takes_the_cart_below_zero()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "HALF", kind = "percentage", percentOff = 50 });
        await promotions.CreateAsync(new { code = "HUGE", kind = "fixed", automatic = true, amountOff = new { currency = "KWD", amountMinor = 9_999_999 } });

        var quote = await promotions.QuoteAsync("HALF", [Line("A", 1_235, "KWD"), Line("B", 7, "KWD")]);

        Assert.Equal([Money.Of(1_235, "KWD"), Money.Of(7, "KWD")], quote.PerLine);
        Assert.Equal(Money.Of(1_242, "KWD"), quote.Total);
    }

    public static TheoryData<object, string> NotApplicable => new()
    {
        { new { code = "LATER", kind = "percentage", percentOff = 10, startsAt = DateTimeOffset.UtcNow.AddDays(1) }, "not running" },
        { new { code = "OVER", kind = "percentage", percentOff = 10, endsAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "not running" },
        { new { code = "MIN", kind = "percentage", percentOff = 10, minSubtotal = new { currency = "GBP", amountMinor = 20_001 } }, "does not apply" },
        { new { code = "EURO", kind = "fixed", amountOff = new { currency = "EUR", amountMinor = 500 } }, "does not apply" },
        { new { code = "GOLDCODE", kind = "percentage", percentOff = 10, tiers = new[] { "gold" } }, "tier" },
        { new { code = "SHOECODE", kind = "percentage", percentOff = 10, categories = new[] { "shoes" } }, "covers nothing" },
    };

    [Theory]
    [MemberData(nameof(NotApplicable))]
    public async Task A_code_outside_its_window_minimum_currency_tier_or_scope_is_a_422(object promotion, string reason)
    {
        using var promotions = await TenantAsync();
        var code = (await promotions.CreateAsync(promotion))["code"]!.GetValue<string>();

        var error = await Assert.ThrowsAsync<DomainException>(() => promotions.QuoteAsync(code, [Line("A", 20_000, categories: "bags")], tier: "silver"));

        Assert.Equal((PromotionProblems.PromotionNotApplicable, 422), (error.Code, error.Status));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cart_at_exactly_the_minimum_subtotal_gets_the_code()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "MIN200", kind = "fixed", amountOff = new { currency = "GBP", amountMinor = 2_000 },
            minSubtotal = new { currency = "GBP", amountMinor = 20_000 } });

        Assert.Equal(Money.Of(2_000, "GBP"), (await promotions.QuoteAsync("MIN200", [Line("A", 15_000), Line("B", 5_000)])).Total);
    }

    [Fact]
    public async Task An_unknown_code_and_an_automatic_promotions_handle_are_not_applicable()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "AUTO", kind = "percentage", percentOff = 10, automatic = true });

        foreach (var code in new[] { "NOSUCH", "AUTO" })
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => promotions.QuoteAsync(code, [Line("A", 1_000)]));
            Assert.Equal(PromotionProblems.PromotionNotApplicable, error.Code);
        }
    }

    [Fact]
    public async Task A_used_up_code_quotes_as_exhausted_and_a_used_up_automatic_promotion_drops_out()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "ONCE", kind = "percentage", percentOff = 10, usageLimit = 1 });
        await promotions.CreateAsync(new { code = "AUTO-ONCE-EACH", kind = "percentage", percentOff = 5, automatic = true, perMemberLimit = 1 });
        var member = Guid.NewGuid();
        var first = await promotions.QuoteAsync("ONCE", [Line("A", 10_000)], member);
        Assert.Equal(2, first.Applied.Count);
        Assert.True(await promotions.RedeemAsync(first.Applied, member, Guid.NewGuid()));

        var error = await Assert.ThrowsAsync<DomainException>(() => promotions.QuoteAsync("ONCE", [Line("A", 10_000)], Guid.NewGuid()));
        Assert.Equal((PromotionProblems.PromotionExhausted, 409), (error.Code, error.Status));
        Assert.Empty((await promotions.QuoteAsync(null, [Line("A", 10_000)], member)).Applied);
        Assert.Single((await promotions.QuoteAsync(null, [Line("A", 10_000)], Guid.NewGuid())).Applied);
    }

    [Fact]
    public async Task A_promotion_without_limits_counts_its_uses_in_redemptions_and_gives_them_back_on_release()
    {
        using var promotions = await TenantAsync();
        await promotions.CreateAsync(new { code = "OPEN-AUTO", kind = "percentage", percentOff = 5, automatic = true });
        var quote = await promotions.QuoteAsync(null, [Line("A", 10_000)]);
        var orders = new[] { Guid.NewGuid(), Guid.NewGuid() };

        foreach (var order in orders) Assert.True(await promotions.RedeemAsync(quote.Applied, Guid.NewGuid(), order));
        Assert.Equal(2, (await promotions.GetAsync("OPEN-AUTO"))["uses"]!.GetValue<int>());
        await promotions.ReleaseAsync(orders[0]);
        await promotions.ReleaseAsync(orders[0]);

        Assert.Equal(1, (await promotions.GetAsync("OPEN-AUTO"))["uses"]!.GetValue<int>());
        Assert.Equal(0, await promotions.CountedUsesAsync(quote.Applied[0].PromotionId));
    }
}
