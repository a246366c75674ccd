using Maison.Commerce.Catalog.Storefront;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Catalog;

public static class CatalogEndpoints
{
    public static void MapCatalog(this MaisonRoutes routes)
    {
        var admin = routes.Admin.WithTags("Catalog");
        admin.MapPost("/brands", CreateBrand).RequireAuthorization(Permissions.CatalogWrite).WithName("CreateBrand");
        admin.MapGet("/brands", ListBrands).RequireAuthorization(Permissions.CatalogWrite).WithName("ListBrands");
        admin.MapGet("/categories", ListCategories).RequireAuthorization(Permissions.CatalogWrite).WithName("ListCategories");
        admin.MapGet("/products", ListProducts).RequireAuthorization(Permissions.CatalogWrite).WithName("ListAdminProducts")
            .WithSummary("Every product whatever its status (filter with ?status=), by slug, cursor-paged.");
        admin.MapPost("/categories", CreateCategory).RequireAuthorization(Permissions.CatalogWrite).WithName("CreateCategory");
        admin.MapPost("/products", CreateProduct).RequireAuthorization(Permissions.CatalogWrite).WithName("CreateProduct")
            .WithSummary("Create a product with its variants, options and prices; a taken slug or SKU is 409.");
        admin.MapGet("/products/{slug}", GetProduct).RequireAuthorization(Permissions.CatalogWrite).WithName("GetAdminProduct");
        admin.MapPatch("/products/{slug}", UpdateProduct).RequireAuthorization(Permissions.CatalogWrite).WithName("UpdateProduct")
            .WithSummary("Change a product (fields, status, media, variants and prices by SKU); send If-Match with the ETag you read.");
        admin.MapPost("/collections", CreateCollection).RequireAuthorization(Permissions.CatalogWrite).WithName("CreateCollection")
            .WithSummary("A curated collection; with availableFrom (tier code or '*' → time) it is a drop, hidden until then.");
        admin.MapPut("/collections/{slug}", UpdateCollection).RequireAuthorization(Permissions.CatalogWrite).WithName("UpdateCollection");
        routes.MapCatalogStorefront();
    }

    private static async Task<Created<BrandResponse>> CreateBrand(CreateBrandRequest request, CatalogAdministration catalog, TenantContext tenant, CancellationToken ct)
    {
        var brand = await catalog.CreateBrandAsync(request.Slug, request.Name, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/brands/{brand.Slug}", BrandResponse.From(brand));
    }

    private static async Task<Ok<Page<BrandResponse>>> ListBrands(int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Brand>().AsNoTracking();
        if (from is not null) query = query.Where(b => string.Compare(b.Slug, from) > 0);
        return TypedResults.Ok(Cursor.ToPage(await query.OrderBy(b => b.Slug).Take(take + 1).ToListAsync(ct), take, b => b.Slug, BrandResponse.From));
    }

    private static async Task<Ok<Page<CategoryResponse>>> ListCategories(int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Category>().AsNoTracking();
        if (from is not null) query = query.Where(c => string.Compare(c.Slug, from) > 0);
        return TypedResults.Ok(Cursor.ToPage(await query.OrderBy(c => c.Slug).Take(take + 1).ToListAsync(ct), take, c => c.Slug, CategoryResponse.From));
    }

    private static async Task<Ok<Page<ProductSummary>>> ListProducts(ProductStatus? status, int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Product>().AsNoTracking();
        if (status is { } s) query = query.Where(p => p.Status == s);
        if (from is not null) query = query.Where(p => string.Compare(p.Slug, from) > 0);
        var rows = await query.OrderBy(p => p.Slug).Take(take + 1)
            .Select(p => new ProductSummary(p.Id, p.Slug, p.Title, p.Status, p.Version, p.UpdatedAt)).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, p => p.Slug, p => p));
    }

    private static async Task<Created<CategoryResponse>> CreateCategory(CreateCategoryRequest request, CatalogAdministration catalog, TenantContext tenant, CancellationToken ct)
    {
        var category = await catalog.CreateCategoryAsync(request.Slug, request.Name, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/categories/{category.Slug}", CategoryResponse.From(category));
    }

    private static async Task<Created<ProductResponse>> CreateProduct(CreateProductRequest request, CatalogAdministration catalog, TenantContext tenant,
        HttpResponse response, CancellationToken ct)
    {
        var product = await catalog.CreateProductAsync(request, ct);
        response.SetETag(product.Version);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/products/{product.Slug}", product);
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> GetProduct(string slug, CatalogAdministration catalog, HttpResponse response, CancellationToken ct)
    {
        var product = await catalog.FindProductAsync(slug, ct);
        if (product is null) return TypedResults.NotFound();
        response.SetETag(product.Version);
        return TypedResults.Ok(product);
    }

    private static async Task<Ok<ProductResponse>> UpdateProduct(string slug, UpdateProductRequest request, CatalogAdministration catalog, HttpContext http, CancellationToken ct)
    {
        var product = await catalog.UpdateProductAsync(slug, request, http.Request.IfMatch(), ct);
        http.Response.SetETag(product.Version);
        return TypedResults.Ok(product);
    }

    private static async Task<Created<CollectionResponse>> CreateCollection(CollectionRequest request, CatalogAdministration catalog, TenantContext tenant, CancellationToken ct)
    {
        var collection = await catalog.SaveCollectionAsync(request, create: true, null, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/collections/{collection.Slug}", collection);
    }

    private static async Task<Ok<CollectionResponse>> UpdateCollection(string slug, CollectionRequest request, CatalogAdministration catalog, HttpContext http, CancellationToken ct)
    {
        if (request.Slug != slug) throw DomainException.Validation("slug", "The body's slug must match the URL's.");
        return TypedResults.Ok(await catalog.SaveCollectionAsync(request, create: false, http.Request.IfMatch(), ct));
    }
}
