using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>
/// Turns snapshot views into what a caller may see: prices only for a privileged member (active, or past due within
/// grace: <see cref="MemberStanding.IsPrivileged"/>), in the requested currency.
/// </summary>
public static class StorefrontViews
{
    public static bool ShowsPrices(MemberStanding standing) => standing.IsPrivileged;

    public static StorefrontProduct Product(ProductView p, string currency, bool showPrices)
    {
        var variants = p.Variants.Select(v =>
        {
            var price = showPrices ? v.Prices.FirstOrDefault(x => x.Currency == currency) : null;
            return new StorefrontVariant(v.Sku, v.Options, Money(price), CompareAt(price));
        }).ToList();
        var from = showPrices ? Lowest(p, currency) : null;
        return new StorefrontProduct(p.Id, p.Slug, p.Title, new BrandRef(p.BrandSlug, p.BrandName), p.Description, p.Categories, p.Media,
            variants, Money(from), CompareAt(from));
    }

    public static ProductCard Card(ProductView p, string currency, bool showPrices)
    {
        var from = showPrices ? Lowest(p, currency) : null;
        return new ProductCard(p.Id, p.Slug, p.Title, new BrandRef(p.BrandSlug, p.BrandName), p.Categories, p.Media.FirstOrDefault(),
            Distinct(p.Variants.Select(v => v.Size)), Distinct(p.Variants.Select(v => v.Colour)), Money(from), CompareAt(from));
    }

    /// <summary>The lowest variant price in <paramref name="currency"/>, or null when no variant has one.</summary>
    public static PriceView? Lowest(ProductView p, string currency)
    {
        PriceView? lowest = null;
        foreach (var v in p.Variants)
        {
            foreach (var price in v.Prices)
            {
                if (price.Currency == currency && (lowest is null || price.AmountMinor < lowest.AmountMinor)) lowest = price;
            }
        }
        return lowest;
    }

    private static List<string> Distinct(IEnumerable<string?> values) => values.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static MoneyView? Money(PriceView? p) => p is null ? null : new MoneyView(p.Currency, p.AmountMinor);

    private static MoneyView? CompareAt(PriceView? p) => p?.CompareAtMinor is { } c ? new MoneyView(p.Currency, c) : null;
}
