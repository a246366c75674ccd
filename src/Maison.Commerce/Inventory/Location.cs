using Maison.Commerce.Platform;

namespace Maison.Commerce.Inventory;

/// <summary>A place stock sits in (a warehouse, a boutique, a partner's store) and the markets it ships to.</summary>
public sealed class Location : ITenantOwned
{
    private Location() { }

    public Location(Guid tenantId, string code, string name, string country, IEnumerable<string>? serves, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Code = code;
        Name = name;
        Country = country.ToUpperInvariant();
        // A location serves its own country's market unless told otherwise.
        var markets = (serves ?? []).Select(c => c.ToUpperInvariant()).Append(Country).Distinct().Order(StringComparer.Ordinal);
        Serves = "," + string.Join(",", markets) + ",";
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; private set; } = "";

    /// <summary>The countries it ships to, as <c>,GB,FR,</c> so a market test is one <c>LIKE '%,GB,%'</c>.</summary>
    public string Serves { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> ServedCountries => Serves.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string MarketToken(string country) => "," + country.ToUpperInvariant() + ",";
}
