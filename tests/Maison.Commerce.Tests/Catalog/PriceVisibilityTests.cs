using Maison.Commerce.Catalog.Storefront;
using Maison.Commerce.Membership.Contracts;

namespace Maison.Commerce.Tests.Catalog;

/// <summary>Who sees prices, judged on the standings IMembershipCheck answers (the HTTP version follows the membership merge).</summary>
public sealed class PriceVisibilityTests
{
    private static readonly ProductView Bag = new(Guid.NewGuid(), "lune-bag", "Lune Shoulder Bag", "maison-aurel", "Maison Aurel", null, ["bags"], [],
        [new VariantView("AUR-LUNE-BLK", new() { ["colour"] = "black" }, null, "black", [new PriceView("GBP", 125_000, 210_000), new PriceView("JPY", 240_000, null)])],
        [], 1);

    public static TheoryData<string, MemberStanding, bool> Standings => new()
    {
        { "guest", MemberStanding.Guest, false },
        { "applicant", new MemberStanding(Guid.NewGuid(), MembershipStatus.Applicant, null, 0, false), false },
        { "active", new MemberStanding(Guid.NewGuid(), MembershipStatus.Active, "gold", 2, true), true },
        { "past_due within grace", new MemberStanding(Guid.NewGuid(), MembershipStatus.PastDue, "gold", 2, true), true },
        { "past_due after grace", new MemberStanding(Guid.NewGuid(), MembershipStatus.PastDue, "gold", 2, false), false },
        { "expired", new MemberStanding(Guid.NewGuid(), MembershipStatus.Expired, null, 0, false), false },
    };

    [Theory]
    [MemberData(nameof(Standings))]
    public void The_product_page_shows_prices_only_to_privileged_members(string who, MemberStanding standing, bool seesPrices)
    {
        var page = StorefrontViews.Product(Bag, "GBP", StorefrontViews.ShowsPrices(standing));
        Assert.True(seesPrices == page.Variants[0].Price is not null, who);
        Assert.Equal(seesPrices, page.Price is not null);
        Assert.Equal(seesPrices ? 125_000 : null, page.Variants[0].Price?.AmountMinor);
        Assert.Equal(seesPrices ? 210_000 : null, page.Variants[0].CompareAt?.AmountMinor);
    }

    [Theory]
    [MemberData(nameof(Standings))]
    public void Listing_cards_show_prices_only_to_privileged_members(string who, MemberStanding standing, bool seesPrices)
    {
        var card = StorefrontViews.Card(Bag, "JPY", StorefrontViews.ShowsPrices(standing));
        Assert.True(seesPrices == card.Price is not null, who);
        if (seesPrices) Assert.Equal(new MoneyView("JPY", 240_000), card.Price);
    }

    [Fact]
    public void A_drop_opens_for_its_tier_first_and_for_everyone_later()
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var drop = new Dictionary<string, DateTimeOffset> { ["gold"] = now.AddHours(-1), ["*"] = now.AddDays(1) };
        Assert.True(Maison.Commerce.Catalog.Collection.IsOpen(drop, "gold", now));
        Assert.False(Maison.Commerce.Catalog.Collection.IsOpen(drop, "silver", now));
        Assert.False(Maison.Commerce.Catalog.Collection.IsOpen(drop, null, now));
        Assert.True(Maison.Commerce.Catalog.Collection.IsOpen(drop, null, now.AddDays(1)));
    }
}
