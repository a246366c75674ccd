using Maison.Commerce.Catalog.Caching;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Maison.Commerce.Catalog.Storefront;

public static class StorefrontEndpoints
{
    public static void MapCatalogStorefront(this MaisonRoutes routes)
    {
        var storefront = routes.Tenant.MapGroup("/products").WithTags("Storefront");
        storefront.MapGet("", ListProducts).WithName("ListProducts").AllowAnonymous().Produces<ProductListing>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Browse and search active products: filters, facet counts, cursor paging; prices only for members who may see them.");
        storefront.MapGet("/{slug}", GetProduct).WithName("GetProduct").AllowAnonymous().Produces<StorefrontProduct>(StatusCodes.Status200OK, "application/json")
            .WithSummary("A product page; send If-None-Match with its ETag to get 304 while it is unchanged.");
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> ListProducts(
        string? q, string? brand, string? category, string? size, string? colour, long? minPrice, long? maxPrice, string? currency,
        string? country, int? limit, string? after, StorefrontReader reader, HttpContext http, CancellationToken ct)
    {
        if (q is { Length: > 200 }) throw DomainException.Validation("q", "q has at most 200 characters.");
        if (minPrice < 0 || maxPrice < 0) throw DomainException.Validation("minPrice", "Price bounds cannot be negative.");
        var filter = new ListingFilter(Country(country), Blank(q), Blank(brand), Blank(category), Blank(size), Blank(colour), minPrice, maxPrice, Cursor.Limit(limit), Blank(after));
        return Respond(http, await reader.ListingAsync(http, filter, Blank(currency), ct));
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> GetProduct(
        string slug, string? currency, string? country, StorefrontReader reader, HttpContext http, CancellationToken ct) =>
        Respond(http, await reader.ProductAsync(http, slug, Blank(currency), Country(country), ct));

    /// <summary>The market (ISO 3166-1 alpha-2) whose VAT the prices show, if any.</summary>
    private static string? Country(string? country) =>
        Blank(country) is not { } c ? null
        : c.Length == 2 && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiLetterUpper(c[1]) ? c
        : throw DomainException.Validation("country", "country must be an ISO 3166-1 alpha-2 code, e.g. GB.");

    private static Results<FileContentHttpResult, StatusCodeHttpResult> Respond(HttpContext http, CachedResponse response)
    {
        var headers = http.Response.Headers;
        headers.ETag = response.ETag;
        // Prices depend on who asks: shared caches must not keep one caller's page for another.
        headers.CacheControl = "private, no-cache";
        headers.Vary = HeaderNames.Authorization;
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().Replace("W/", "") == response.ETag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(response.Body, "application/json; charset=utf-8");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
