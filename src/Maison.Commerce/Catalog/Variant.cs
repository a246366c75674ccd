using Maison.Commerce.Platform;

namespace Maison.Commerce.Catalog;

/// <summary>A sellable unit of a product: one SKU, one combination of options (size, colour, …).</summary>
public sealed class Variant : ITenantOwned
{
    private Variant() { }

    public Variant(Guid tenantId, Guid productId, string sku, IReadOnlyDictionary<string, string> options, int position)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ProductId = productId;
        Sku = sku;
        Position = position;
        SetOptions(options);
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ProductId { get; private set; }

    public string Sku { get; private set; } = "";

    public int Position { get; private set; }

    /// <summary>Option name → value, lower-case names (<c>size</c>, <c>colour</c>).</summary>
    public Dictionary<string, string> Options { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Denormalised from <see cref="Options"/> for filters and facets.</summary>
    public string? Size { get; private set; }

    public string? Colour { get; private set; }

    public void SetOptions(IReadOnlyDictionary<string, string> options)
    {
        Options = options.ToDictionary(o => o.Key.Trim().ToLowerInvariant(), o => o.Value.Trim(), StringComparer.Ordinal);
        Size = Options.GetValueOrDefault("size");
        Colour = Options.GetValueOrDefault("colour") ?? Options.GetValueOrDefault("color");
    }
}
