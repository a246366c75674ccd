using Maison.Commerce.Platform;

namespace Maison.Commerce.Tenancy;

/// <summary>A storefront: its own catalogue, members, currencies and partners.</summary>
public sealed class Tenant : IVersioned
{
    public static readonly IReadOnlySet<string> ReservedSlugs =
        new HashSet<string>(["platform", "auth", "admin", "health", "graphql", "docs", "openapi", "jobs", "metrics"], StringComparer.Ordinal);

    private Tenant() { }

    public Tenant(string slug, string name, Currency defaultCurrency, IEnumerable<Currency> currencies, DateTimeOffset now)
    {
        if (ReservedSlugs.Contains(slug)) throw DomainException.Validation("slug", $"'{slug}' is reserved.");
        Id = Guid.CreateVersion7();
        Slug = slug;
        Name = name;
        DefaultCurrency = defaultCurrency.Code;
        Currencies = currencies.Select(c => c.Code).Append(defaultCurrency.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string DefaultCurrency { get; private set; } = "";

    public List<string> Currencies { get; private set; } = [];

    /// <summary>How many days after delivery a member may return a line.</summary>
    public int ReturnWindowDays { get; private set; } = 30;

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; set; }

    public void Rename(string name) => Name = name;
}
