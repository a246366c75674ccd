using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Pricing.Contracts;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Catalog;

/// <summary>What merchandisers do: brands, categories, products with variants and prices, collections and drops.</summary>
public sealed class CatalogAdministration(CommerceDb db, IPriceBook prices, ITenantDirectory tenants, IStorefrontCache storefront, TimeProvider time)
{
    public const string SkuTaken = "sku_taken";

    public async Task<Brand> CreateBrandAsync(string slug, string name, CancellationToken ct)
    {
        if (await db.Set<Brand>().AnyAsync(b => b.Slug == slug, ct)) throw Taken(ProblemCodes.SlugTaken, $"The brand '{slug}' exists.");
        var brand = new Brand(db.Tenant.Required, slug, name.Trim(), time.GetUtcNow());
        db.Set<Brand>().Add(brand);
        db.Publish(new BrandCreated(brand.Id, brand.Slug, brand.Name));
        await SaveUniqueAsync(ProblemCodes.SlugTaken, $"The brand '{slug}' exists.", ct);
        return brand;
    }

    public async Task<Category> CreateCategoryAsync(string slug, string name, CancellationToken ct)
    {
        if (await db.Set<Category>().AnyAsync(c => c.Slug == slug, ct)) throw Taken(ProblemCodes.SlugTaken, $"The category '{slug}' exists.");
        var category = new Category(db.Tenant.Required, slug, name.Trim());
        db.Set<Category>().Add(category);
        db.Publish(new CategoryCreated(category.Id, category.Slug, category.Name));
        await SaveUniqueAsync(ProblemCodes.SlugTaken, $"The category '{slug}' exists.", ct);
        return category;
    }

    public async Task<ProductResponse> CreateProductAsync(CreateProductRequest request, CancellationToken ct)
    {
        var brand = await db.Set<Brand>().SingleOrDefaultAsync(b => b.Slug == request.Brand, ct)
            ?? throw DomainException.Validation("brand", $"There is no brand '{request.Brand}'; create it first.");
        if (await db.Set<Product>().AnyAsync(p => p.Slug == request.Slug, ct)) throw Taken(ProblemCodes.SlugTaken, $"The product '{request.Slug}' exists.");
        var skus = request.Variants.Select(v => v.Sku).ToList();
        await EnsureSkusFreeAsync(skus, ct);
        var currencies = await TenantCurrenciesAsync(ct);

        var now = time.GetUtcNow();
        var product = new Product(db.Tenant.Required, request.Slug, request.Title, brand.Id, request.Description, now);
        product.Categorise(await EnsureCategoriesAsync(request.Categories ?? [], ct));
        product.SetMedia(CheckedMedia(request.Media));
        product.ChangeStatus(request.Status ?? ProductStatus.Draft);
        db.Set<Product>().Add(product);
        var variants = new List<Variant>();
        foreach (var (input, position) in request.Variants.Select((v, i) => (v, i)))
        {
            var variant = new Variant(db.Tenant.Required, product.Id, input.Sku, CheckedOptions(input.Options, position), position);
            variants.Add(variant);
            db.Set<Variant>().Add(variant);
            await prices.SetPricesAsync(input.Sku, CheckedPrices(input.Prices, currencies, position), ct);
        }
        product.Index(brand.Name, variants);
        db.Publish(new ProductCreated(product.Id, product.Slug, brand.Slug, Wire(product.Status), skus));
        await SaveUniqueAsync(SkuTaken, "A product slug or SKU is already in use.", ct);
        await storefront.InvalidateTenantAsync(db.Tenant.Required, ct);
        return await ToResponseAsync(product, brand, variants, ct);
    }

    public async Task<ProductResponse?> FindProductAsync(string slug, CancellationToken ct)
    {
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (product is null) return null;
        var brand = await db.Set<Brand>().AsNoTracking().SingleAsync(b => b.Id == product.BrandId, ct);
        var variants = await db.Set<Variant>().AsNoTracking().Where(v => v.ProductId == product.Id).OrderBy(v => v.Position).ToListAsync(ct);
        return await ToResponseAsync(product, brand, variants, ct);
    }

    public async Task<ProductResponse> UpdateProductAsync(string slug, UpdateProductRequest request, long? ifMatch, CancellationToken ct)
    {
        var product = await db.Set<Product>().SingleOrDefaultAsync(p => p.Slug == slug, ct) ?? throw DomainException.NotFound("Product");
        ETags.EnsureMatches(ifMatch, product.Version);
        var brand = await db.Set<Brand>().SingleAsync(b => b.Id == product.BrandId, ct);
        var variants = await db.Set<Variant>().Where(v => v.ProductId == product.Id).OrderBy(v => v.Position).ToListAsync(ct);
        var now = time.GetUtcNow();

        if (request.Title is not null || request.Description is not null) product.Edit(request.Title ?? product.Title, request.Description ?? product.Description, now);
        if (request.Categories is not null) product.Categorise(await EnsureCategoriesAsync(request.Categories, ct));
        if (request.Media is not null) product.SetMedia(CheckedMedia(request.Media));
        if (request.Status is { } status) product.ChangeStatus(status);
        if (request.Variants is { Count: > 0 })
        {
            var currencies = await TenantCurrenciesAsync(ct);
            var added = request.Variants.Where(v => variants.All(x => x.Sku != v.Sku)).Select(v => v.Sku).ToList();
            await EnsureSkusFreeAsync(added, ct);
            foreach (var (input, index) in request.Variants.Select((v, i) => (v, i)))
            {
                var variant = variants.FirstOrDefault(v => v.Sku == input.Sku);
                if (variant is null)
                {
                    variant = new Variant(db.Tenant.Required, product.Id, input.Sku, CheckedOptions(input.Options, index), variants.Count);
                    variants.Add(variant);
                    db.Set<Variant>().Add(variant);
                }
                else if (input.Options is not null)
                {
                    variant.SetOptions(CheckedOptions(input.Options, index));
                }
                if (input.Prices is not null) await prices.SetPricesAsync(input.Sku, CheckedPrices(input.Prices, currencies, index), ct);
            }
        }
        product.Touch(now);
        product.Index(brand.Name, variants);
        // The version moves even when only variants or prices changed: the ETag names the whole product.
        db.Entry(product).State = EntityState.Modified;
        db.Publish(new ProductUpdated(product.Id, product.Slug, brand.Slug, Wire(product.Status), product.Version + 1, variants.Select(v => v.Sku).ToList()));
        try
        {
            await ETags.SaveAsync(db, ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // A concurrent edit added the same SKU or price first; its version moved too, so this one is stale.
            db.ChangeTracker.Clear();
            throw new DomainException(ProblemCodes.PreconditionFailed, "The product changed concurrently; fetch it again and retry.", 412);
        }
        await storefront.InvalidateTenantAsync(db.Tenant.Required, ct);
        return await ToResponseAsync(product, brand, variants, ct);
    }

    public async Task<CollectionResponse> SaveCollectionAsync(CollectionRequest request, bool create, long? ifMatch, CancellationToken ct)
    {
        var collection = await db.Set<Collection>().SingleOrDefaultAsync(c => c.Slug == request.Slug, ct);
        if (create && collection is not null) throw Taken(ProblemCodes.SlugTaken, $"The collection '{request.Slug}' exists.");
        if (!create && collection is null) throw DomainException.NotFound("Collection");
        if (collection is not null) ETags.EnsureMatches(ifMatch, collection.Version);
        var slugs = (request.Products ?? []).Distinct(StringComparer.Ordinal).ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => slugs.Contains(p.Slug)).Select(p => new { p.Id, p.Slug }).ToListAsync(ct);
        if (slugs.FirstOrDefault(s => products.All(p => p.Slug != s)) is { } unknown) throw DomainException.Validation("products", $"There is no product '{unknown}'.");
        if (collection is null) db.Set<Collection>().Add(collection = new Collection(db.Tenant.Required, request.Slug, request.Name));
        collection.Change(request.Name, request.AvailableFrom, slugs.Select(s => products.First(p => p.Slug == s).Id));
        db.Publish(new CollectionUpdated(collection.Id, collection.Slug, slugs));
        await SaveUniqueAsync(ProblemCodes.SlugTaken, $"The collection '{request.Slug}' exists.", ct);
        await storefront.InvalidateTenantAsync(db.Tenant.Required, ct);
        return new CollectionResponse(collection.Id, collection.Slug, collection.Name, collection.AvailableFrom, slugs);
    }

    private async Task<ProductResponse> ToResponseAsync(Product product, Brand brand, IReadOnlyList<Variant> variants, CancellationToken ct)
    {
        var all = (await prices.ForSkusAsync(variants.Select(v => v.Sku).ToList(), ct)).ToLookup(p => p.Sku, StringComparer.Ordinal);
        return new ProductResponse(product.Id, product.Slug, product.Title, brand.Slug, product.Description, product.Categories, product.Media,
            product.Status, product.Version,
            variants.Select(v => new VariantResponse(v.Sku, v.Options,
                all[v.Sku].OrderBy(p => p.Amount.Currency.Code, StringComparer.Ordinal)
                    .Select(p => new PriceResponse(p.Amount.Currency.Code, p.Amount.AmountMinor, p.CompareAt?.AmountMinor)).ToList())).ToList(),
            product.CreatedAt, product.UpdatedAt);
    }

    private async Task EnsureSkusFreeAsync(IReadOnlyList<string> skus, CancellationToken ct)
    {
        if (skus.Distinct(StringComparer.Ordinal).Count() != skus.Count) throw Taken(SkuTaken, "The request names one SKU twice.");
        if (skus.Count == 0) return;
        var taken = await db.Set<Variant>().Where(v => skus.Contains(v.Sku)).Select(v => v.Sku).FirstOrDefaultAsync(ct);
        if (taken is not null) throw Taken(SkuTaken, $"The SKU '{taken}' is already in use.");
    }

    private async Task<IReadOnlyList<string>> EnsureCategoriesAsync(IReadOnlyList<string> slugs, CancellationToken ct)
    {
        // Categories named by a product but never created get a name from their slug; staff rename them later.
        foreach (var slug in slugs.Where(s => !System.Text.RegularExpressions.Regex.IsMatch(s, Slugs.Pattern)))
        {
            throw DomainException.Validation("categories", $"'{slug}' is not a category slug.");
        }
        var known = await db.Set<Category>().Where(c => slugs.Contains(c.Slug)).Select(c => c.Slug).ToListAsync(ct);
        foreach (var slug in slugs.Except(known, StringComparer.Ordinal).Distinct(StringComparer.Ordinal))
        {
            db.Set<Category>().Add(new Category(db.Tenant.Required, slug, char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' ')));
        }
        return slugs;
    }

    private async Task<IReadOnlySet<string>> TenantCurrenciesAsync(CancellationToken ct) =>
        ((await tenants.FindByIdAsync(db.Tenant.Required, ct))?.Currencies ?? []).ToHashSet(StringComparer.Ordinal);

    private static List<PriceInput> CheckedPrices(IReadOnlyList<PriceRequest>? input, IReadOnlySet<string> currencies, int variant)
    {
        var result = new List<PriceInput>();
        foreach (var (price, i) in (input ?? []).Select((p, i) => (p, i)))
        {
            var currency = Currency.From(price.Currency);
            if (!currencies.Contains(currency.Code))
            {
                throw DomainException.Validation($"variants[{variant}].prices[{i}].currency", $"The storefront does not sell in {currency.Code}.");
            }
            result.Add(new PriceInput(currency.Code, price.AmountMinor!.Value, price.CompareAtMinor));
        }
        return result;
    }

    private static Dictionary<string, string> CheckedOptions(IReadOnlyDictionary<string, string>? options, int variant)
    {
        foreach (var (name, value) in options ?? new Dictionary<string, string>())
        {
            if (name is not { Length: > 0 and <= 40 } || value is not { Length: > 0 and <= 100 })
            {
                throw DomainException.Validation($"variants[{variant}].options", "Option names have 1-40 characters and values 1-100.");
            }
        }
        return new Dictionary<string, string>(options ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> CheckedMedia(IReadOnlyList<string>? media)
    {
        foreach (var url in media ?? [])
        {
            if (url is not { Length: <= 1000 } || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw DomainException.Validation("media", "Media are absolute http(s) URLs of at most 1000 characters.");
            }
        }
        return media ?? [];
    }

    private async Task SaveUniqueAsync(string code, string detail, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Two staff racing for one slug or SKU: the unique index decides, the loser hears why.
            db.ChangeTracker.Clear();
            throw Taken(code, detail);
        }
    }

    private static string Wire(ProductStatus status) => status.ToString().ToLowerInvariant();

    private static DomainException Taken(string code, string detail) => DomainException.Conflict(code, detail);
}
