using Maison.Commerce.Platform;

namespace Maison.Commerce.Catalog;

/// <summary>A house whose products the storefront sells.</summary>
public sealed class Brand : ITenantOwned
{
    private Brand() { }

    public Brand(Guid tenantId, string slug, string name, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Slug = slug;
        Name = name;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A storefront category (bags, shoes, …); products name theirs by slug.</summary>
public sealed class Category : ITenantOwned
{
    private Category() { }

    public Category(Guid tenantId, string slug, string name)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Slug = slug;
        Name = name;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";
}
