using Maison.Commerce.Platform;

namespace Maison.Commerce.Catalog;

/// <summary>
/// A curated set of products. A collection with <see cref="AvailableFrom"/> is a "drop": its products stay hidden
/// from a caller until the time set for the caller's tier code, or for <c>*</c> (everyone else) when there is one.
/// </summary>
public sealed class Collection : ITenantOwned, IVersioned
{
    public const string Everyone = "*";

    private Collection() { }

    public Collection(Guid tenantId, string slug, string name)
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

    /// <summary>Tier code (or <c>*</c>) → when that tier may see the products; empty: not a drop, always visible.</summary>
    public Dictionary<string, DateTimeOffset> AvailableFrom { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Product ids, in display order.</summary>
    public List<Guid> Products { get; private set; } = [];

    public long Version { get; set; }

    public void Change(string name, IReadOnlyDictionary<string, DateTimeOffset>? availableFrom, IEnumerable<Guid> products)
    {
        Name = name.Trim();
        AvailableFrom = (availableFrom ?? new Dictionary<string, DateTimeOffset>())
            .ToDictionary(a => a.Key.Trim(), a => a.Value.ToUniversalTime(), StringComparer.Ordinal);
        Products = products.Distinct().ToList();
    }

    public bool IsDrop => AvailableFrom.Count > 0;

    /// <summary>Whether a caller of <paramref name="tier"/> (null: none) sees the drop at <paramref name="now"/>.</summary>
    public static bool IsOpen(IReadOnlyDictionary<string, DateTimeOffset> availableFrom, string? tier, DateTimeOffset now)
    {
        if (availableFrom.Count == 0) return true;
        if (tier is not null && availableFrom.TryGetValue(tier, out var forTier) && forTier <= now) return true;
        return availableFrom.TryGetValue(Everyone, out var forAll) && forAll <= now;
    }
}
