using Maison.Commerce.Platform;
using Stateless;

namespace Maison.Commerce.Catalog;

public enum ProductStatus
{
    Draft,
    Active,
    Archived,
}

/// <summary>A product of one brand, with its variants; only <see cref="ProductStatus.Active"/> ones reach the storefront.</summary>
public sealed class Product : ITenantOwned, IVersioned
{
    private Product() { }

    public Product(Guid tenantId, string slug, string title, Guid brandId, string? description, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Slug = slug;
        BrandId = brandId;
        Edit(title, description, now);
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Slug { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public Guid BrandId { get; private set; }

    public ProductStatus Status { get; private set; } = ProductStatus.Draft;

    /// <summary>Category slugs, in the order staff gave them.</summary>
    public List<string> Categories { get; private set; } = [];

    /// <summary>Image and video URLs, first is the cover.</summary>
    public List<string> Media { get; private set; } = [];

    /// <summary>
    /// Title, brand, description, categories and option values in one column: PostgreSQL derives a tsvector from it
    /// (generated column + GIN), SQLite's FTS5 table mirrors it by triggers (CatalogSearchSql).
    /// </summary>
    public string SearchText { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; set; }

    public void Edit(string title, string? description, DateTimeOffset now)
    {
        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UpdatedAt = now;
    }

    public void Categorise(IEnumerable<string> categories) => Categories = categories.Distinct(StringComparer.Ordinal).ToList();

    public void SetMedia(IEnumerable<string> media) => Media = media.ToList();

    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    public void Index(string brandName, IEnumerable<Variant> variants) =>
        SearchText = string.Join(' ', new[] { Title, brandName, Description ?? "", string.Join(' ', Categories) }
            .Concat(variants.SelectMany(v => v.Options.Values)).Where(s => s.Length > 0));

    /// <summary>Moves the status through the product's machine; an illegal move is 409 <c>invalid_transition</c>.</summary>
    public void ChangeStatus(ProductStatus target)
    {
        if (target == Status) return;
        var machine = new StateMachine<ProductStatus, ProductStatus>(() => Status, s => Status = s);
        machine.Configure(ProductStatus.Draft).Permit(ProductStatus.Active, ProductStatus.Active).Permit(ProductStatus.Archived, ProductStatus.Archived);
        machine.Configure(ProductStatus.Active).Permit(ProductStatus.Draft, ProductStatus.Draft).Permit(ProductStatus.Archived, ProductStatus.Archived);
        // An archived product was sold and may be re-listed, but never returns to draft: its SKUs have history.
        machine.Configure(ProductStatus.Archived).Permit(ProductStatus.Active, ProductStatus.Active);
        if (!machine.CanFire(target))
        {
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, $"A {Status.ToString().ToLowerInvariant()} product cannot become {target.ToString().ToLowerInvariant()}.");
        }
        machine.Fire(target);
    }
}
