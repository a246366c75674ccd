using Maison.Commerce.Platform;

namespace Maison.Commerce.Pricing;

/// <summary>VAT of one market (ISO country), and whether its prices are shown gross.</summary>
public sealed class TaxRate : ITenantOwned
{
    private TaxRate() { }

    public TaxRate(Guid tenantId, string country, int rateBasisPoints, bool taxInclusive)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Country = country;
        Change(rateBasisPoints, taxInclusive);
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Country { get; private set; } = "";

    public int RateBasisPoints { get; private set; }

    public bool TaxInclusive { get; private set; }

    public void Change(int rateBasisPoints, bool taxInclusive)
    {
        if (rateBasisPoints is < 0 or > 10_000) throw DomainException.Validation("rateBasisPoints", "rateBasisPoints must be between 0 and 10000.");
        RateBasisPoints = rateBasisPoints;
        TaxInclusive = taxInclusive;
    }
}
