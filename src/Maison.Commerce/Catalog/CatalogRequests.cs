using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Catalog;

public sealed record CreateBrandRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "slug must be lower-case letters, digits and hyphens.")] string Slug,
    [property: Required, MinLength(1), MaxLength(200)] string Name);

public sealed record CreateCategoryRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "slug must be lower-case letters, digits and hyphens.")] string Slug,
    [property: Required, MinLength(1), MaxLength(200)] string Name);

public sealed record PriceRequest(
    [property: Required, StringLength(3, MinimumLength = 3)] string Currency,
    [property: Required, Range(0, 1_000_000_000_000)] long? AmountMinor,
    [property: Range(0, 1_000_000_000_000)] long? CompareAtMinor);

public sealed record VariantRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "sku must be 1-64 letters, digits, '.', '_' or '-'.")] string Sku,
    [property: MaxLength(10)] Dictionary<string, string>? Options,
    [property: MaxLength(40)] List<PriceRequest>? Prices);

public sealed record CreateProductRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "slug must be lower-case letters, digits and hyphens.")] string Slug,
    [property: Required, MinLength(1), MaxLength(200)] string Title,
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "brand must be a brand's slug.")] string Brand,
    [property: MaxLength(4000)] string? Description,
    [property: MaxLength(20)] List<string>? Categories,
    [property: MaxLength(20)] List<string>? Media,
    ProductStatus? Status,
    [property: Required, MinLength(1), MaxLength(200)] List<VariantRequest> Variants);

/// <summary>A partial update: absent fields stay; <see cref="Variants"/> upserts by SKU (existing SKUs not named stay).</summary>
public sealed record UpdateProductRequest(
    [property: MinLength(1), MaxLength(200)] string? Title,
    [property: MaxLength(4000)] string? Description,
    [property: MaxLength(20)] List<string>? Categories,
    [property: MaxLength(20)] List<string>? Media,
    ProductStatus? Status,
    [property: MaxLength(200)] List<VariantRequest>? Variants);

public sealed record CollectionRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "slug must be lower-case letters, digits and hyphens.")] string Slug,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: MaxLength(20)] Dictionary<string, DateTimeOffset>? AvailableFrom,
    [property: MaxLength(1000)] List<string>? Products);

public sealed record BrandResponse(Guid Id, string Slug, string Name)
{
    internal static BrandResponse From(Brand b) => new(b.Id, b.Slug, b.Name);
}

public sealed record CategoryResponse(Guid Id, string Slug, string Name)
{
    internal static CategoryResponse From(Category c) => new(c.Id, c.Slug, c.Name);
}

public sealed record PriceResponse(string Currency, long AmountMinor, long? CompareAtMinor);

public sealed record VariantResponse(string Sku, IReadOnlyDictionary<string, string> Options, IReadOnlyList<PriceResponse> Prices);

public sealed record ProductResponse(
    Guid Id, string Slug, string Title, string Brand, string? Description, IReadOnlyList<string> Categories, IReadOnlyList<string> Media,
    ProductStatus Status, long Version, IReadOnlyList<VariantResponse> Variants, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ProductSummary(Guid Id, string Slug, string Title, ProductStatus Status, long Version, DateTimeOffset UpdatedAt);

public sealed record CollectionResponse(Guid Id, string Slug, string Name, IReadOnlyDictionary<string, DateTimeOffset> AvailableFrom, IReadOnlyList<string> Products);
