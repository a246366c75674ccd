using System.Globalization;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>Filters, facets and pages a snapshot in memory: keyset by slug, or by rank when searching.</summary>
public static class ListingQuery
{
    private const string RankPrefix = "#";

    /// <param name="ranked">Slugs matching the search, best first; null when the listing has no <c>q</c>.</param>
    public static ProductListing Run(CatalogSnapshot snapshot, ListingFilter filter, IReadOnlyList<string>? ranked, string currency,
        bool showPrices, string? tier, DateTimeOffset now,
        IReadOnlyDictionary<string, string>? stock = null)
    {
        IEnumerable<ProductView> source = ranked is null
            ? snapshot.Products
            : ranked.Select(s => snapshot.BySlug.GetValueOrDefault(s)).OfType<ProductView>();
        // Price filters would reveal prices to those who may not see them: they apply to privileged callers only.
        var byPrice = showPrices && (filter.MinPrice is not null || filter.MaxPrice is not null);
        var matches = source.Where(p =>
                snapshot.IsVisible(p, tier, now)
                && (filter.Brand is null || p.BrandSlug == filter.Brand)
                && (filter.Category is null || p.Categories.Contains(filter.Category))
                && (filter.Size is null || p.Variants.Any(v => string.Equals(v.Size, filter.Size, StringComparison.OrdinalIgnoreCase)))
                && (filter.Colour is null || p.Variants.Any(v => string.Equals(v.Colour, filter.Colour, StringComparison.OrdinalIgnoreCase)))
                && (!byPrice || InRange(p, currency, filter.MinPrice, filter.MaxPrice)))
            .ToList();

        var facets = new ListingFacets(
            Count(matches.Select(p => (IEnumerable<string?>)[p.BrandSlug])),
            Count(matches.Select(p => p.Categories.Select(c => (string?)c))),
            Count(matches.Select(p => p.Variants.Select(v => v.Size))),
            Count(matches.Select(p => p.Variants.Select(v => v.Colour))));

        var after = Cursor.Decode(filter.After);
        List<ProductView> page;
        string? next;
        if (ranked is null)
        {
            var start = after is null ? 0 : FirstAfter(matches, after);
            page = matches.Skip(start).Take(filter.Limit + 1).ToList();
            next = page.Count > filter.Limit ? Cursor.Encode(page[filter.Limit - 1].Slug) : null;
        }
        else
        {
            var offset = after is null ? 0 : ParseOffset(after);
            page = matches.Skip(offset).Take(filter.Limit + 1).ToList();
            next = page.Count > filter.Limit ? Cursor.Encode(RankPrefix + (offset + filter.Limit).ToString(CultureInfo.InvariantCulture)) : null;
        }
        var tax = filter.Country is { } country ? snapshot.Taxes.GetValueOrDefault(country) : null;
        var items = page.Take(filter.Limit).Select(p => StorefrontViews.Card(p, currency, showPrices, tax, stock)).ToList();
        return new ProductListing(items, next, facets);
    }

    private static bool InRange(ProductView p, string currency, long? min, long? max) =>
        p.Variants.Any(v => v.Prices.Any(x => x.Currency == currency && (min is null || x.AmountMinor >= min) && (max is null || x.AmountMinor <= max)));

    /// <summary>Index of the first product whose slug sorts after the cursor's (snapshot products are in slug order).</summary>
    private static int FirstAfter(List<ProductView> matches, string slug)
    {
        int lo = 0, hi = matches.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(matches[mid].Slug, slug) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int ParseOffset(string key) =>
        key.StartsWith(RankPrefix, StringComparison.Ordinal) && int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw DomainException.Validation("after", "The cursor is not valid.");

    private static SortedDictionary<string, int> Count(IEnumerable<IEnumerable<string?>> valuesPerProduct)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var values in valuesPerProduct)
        {
            foreach (var value in values.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }
        return counts;
    }
}
