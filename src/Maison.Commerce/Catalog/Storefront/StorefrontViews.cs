using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>
/// Turns snapshot views into what a caller may see: prices only for a privileged member (active, or past due within
/// grace: <see cref="MemberStanding.IsPrivileged"/>), in the requested currency; in a tax-inclusive market
/// (<paramref name="tax"/>) each price carries the VAT inside it, tax = round(gross × rate / (1 + rate)).
/// </summary>
public static class StorefrontViews
{
    public static bool ShowsPrices(MemberStanding standing) => standing.IsPrivileged;

    /// <summary>The tier whose drops the caller sees: a lapsed (expired, cancelled) membership keeps its tier on record but opens nothing.</summary>
    public static string? DropTier(MemberStanding standing) => standing.IsPrivileged ? standing.Tier : null;

    public static StorefrontProduct Product(ProductView p, string currency, bool showPrices, TaxView? tax = null,
        IReadOnlyDictionary<string, string>? stock = null)
    {
        var variants = p.Variants.Select(v =>
        {
            var price = showPrices ? v.Prices.FirstOrDefault(x => x.Currency == currency) : null;
            return new StorefrontVariant(v.Sku, v.Options, Money(price), CompareAt(price), Tax(price, tax), Stock(v.Sku, stock));
        }).ToList();
        var from = showPrices ? Lowest(p, currency) : null;
        return new StorefrontProduct(p.Id, p.Slug, p.Title, new BrandRef(p.BrandSlug, p.BrandName), p.Description, p.Categories, p.Media,
            variants, Money(from), CompareAt(from), Tax(from, tax), tax?.TaxInclusive);
    }

    public static ProductCard Card(ProductView p, string currency, bool showPrices, TaxView? tax = null,
        IReadOnlyDictionary<string, string>? stock = null)
    {
        var from = showPrices ? Lowest(p, currency) : null;
        return new ProductCard(p.Id, p.Slug, p.Title, new BrandRef(p.BrandSlug, p.BrandName), p.Categories, p.Media.FirstOrDefault(),
            Distinct(p.Variants.Select(v => v.Size)), Distinct(p.Variants.Select(v => v.Colour)), Money(from), CompareAt(from), Tax(from, tax),
            stock is null ? null : p.Variants.ToDictionary(v => v.Sku, v => Stock(v.Sku, stock)!, StringComparer.Ordinal));
    }

    /// <summary>A SKU Inventory has no level for has nothing to sell.</summary>
    private static string? Stock(string sku, IReadOnlyDictionary<string, string>? stock) =>
        stock is null ? null : stock.GetValueOrDefault(sku, StorefrontStock.SoldOut);

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

    private static MoneyView? Tax(PriceView? price, TaxView? tax)
    {
        if (price is null || tax is not { TaxInclusive: true }) return null;
        var included = VatMath.IncludedTax(Platform.Money.Of(price.AmountMinor, price.Currency), tax.RateBasisPoints);
        return new MoneyView(price.Currency, included.AmountMinor);
    }

    private static List<string> Distinct(IEnumerable<string?> values) => values.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static MoneyView? Money(PriceView? p) => p is null ? null : new MoneyView(p.Currency, p.AmountMinor);

    private static MoneyView? CompareAt(PriceView? p) => p?.CompareAtMinor is { } c ? new MoneyView(p.Currency, c) : null;
}
