using Maison.Commerce.Platform;

namespace Maison.Commerce.Integrations;

public enum PartnerKind
{
    Brand,
    Logistics,
}

/// <summary>A system we exchange data with: a brand's feed or a 3PL. Brand partners see only their brand's data.</summary>
public sealed class Partner : ITenantOwned, IVersioned
{
    private Partner() { }

    public Partner(Guid tenantId, string code, string name, PartnerKind kind, string? brand, DateTimeOffset now)
    {
        if (kind == PartnerKind.Brand && string.IsNullOrEmpty(brand))
        {
            throw DomainException.Validation("brand", "A brand partner names the brand it supplies.");
        }
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Code = code;
        Name = name;
        Kind = kind;
        Brand = brand;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public PartnerKind Kind { get; private set; }

    public string? Brand { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; set; }
}
