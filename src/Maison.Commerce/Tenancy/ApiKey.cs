using Maison.Commerce.Platform;

namespace Maison.Commerce.Tenancy;

/// <summary>A partner's API key: shown once at creation, stored only as a SHA-256 hash.</summary>
public sealed class ApiKey : ITenantOwned
{
    private ApiKey() { }

    public ApiKey(Guid tenantId, Guid partnerId, string partnerCode, string? brand, string keyHash, string displayPrefix, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        PartnerId = partnerId;
        PartnerCode = partnerCode;
        Brand = brand;
        KeyHash = keyHash;
        DisplayPrefix = displayPrefix;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid PartnerId { get; private set; }

    public string PartnerCode { get; private set; } = "";

    /// <summary>The brand slug whose data this key may see, for brand partners.</summary>
    public string? Brand { get; private set; }

    public string KeyHash { get; private set; } = "";

    /// <summary>The first characters of the key, so staff can tell keys apart without the secret.</summary>
    public string DisplayPrefix { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
