namespace Maison.Commerce.Catalog.Storefront;

/// <summary>API.md's Money: <c>{ "currency": "GBP", "amountMinor": 125000 }</c>.</summary>
public sealed record MoneyView(string Currency, long AmountMinor);

public sealed record BrandRef(string Slug, string Name);

/// <summary>
/// A variant on the product page; <see cref="Price"/> is absent unless the caller may see prices; <see cref="Tax"/> is the
/// VAT inside it in a tax-inclusive market; <see cref="Availability"/> is <c>in_stock</c>, <c>low</c> or <c>sold_out</c> in the request's market.
/// </summary>
public sealed record StorefrontVariant(string Sku, IReadOnlyDictionary<string, string> Options, MoneyView? Price, MoneyView? CompareAt, MoneyView? Tax,
    string? Availability = null);

/// <summary>The product page; <see cref="Price"/> (the lowest variant price) is absent unless the caller may see prices.</summary>
public sealed record StorefrontProduct(
    Guid Id, string Slug, string Title, BrandRef Brand, string? Description, IReadOnlyList<string> Categories, IReadOnlyList<string> Media,
    IReadOnlyList<StorefrontVariant> Variants, MoneyView? Price, MoneyView? CompareAt, MoneyView? Tax, bool? TaxIncluded);

/// <summary>A product in a listing; <see cref="Availability"/> maps each variant's SKU to <c>in_stock</c>, <c>low</c> or <c>sold_out</c>.</summary>
public sealed record ProductCard(
    Guid Id, string Slug, string Title, BrandRef Brand, IReadOnlyList<string> Categories, string? Image,
    IReadOnlyList<string> Sizes, IReadOnlyList<string> Colours, MoneyView? Price, MoneyView? CompareAt, MoneyView? Tax,
    IReadOnlyDictionary<string, string>? Availability = null);

/// <summary>How many products of the filtered listing have each value.</summary>
public sealed record ListingFacets(
    IReadOnlyDictionary<string, int> Brand, IReadOnlyDictionary<string, int> Category,
    IReadOnlyDictionary<string, int> Size, IReadOnlyDictionary<string, int> Colour);

public sealed record ProductListing(IReadOnlyList<ProductCard> Items, string? NextCursor, ListingFacets Facets);

/// <summary>The listing's filters, as the query string gives them.</summary>
public sealed record ListingFilter(
    string? Country, string? Q, string? Brand, string? Category, string? Size, string? Colour, long? MinPrice, long? MaxPrice, int Limit, string? After)
{
    public string Key => $"{Country}|{Q}|{Brand}|{Category}|{Size}|{Colour}|{MinPrice}|{MaxPrice}|{Limit}|{After}";
}
