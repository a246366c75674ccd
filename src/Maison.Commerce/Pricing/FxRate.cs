using Maison.Commerce.Platform;

namespace Maison.Commerce.Pricing;

/// <summary>An exchange rate set by staff: units of <see cref="To"/> for one unit of <see cref="From"/>. Rows are kept: history.</summary>
public sealed class FxRate : ITenantOwned
{
    private FxRate() { }

    public FxRate(Guid tenantId, Currency from, Currency to, decimal rate, Guid setBy, DateTimeOffset now)
    {
        if (rate <= 0 || rate > 1_000_000m) throw DomainException.Validation("rate", "rate must be positive and at most 1,000,000.");
        if (decimal.Round(rate, 8) != rate) throw DomainException.Validation("rate", "rate has at most 8 decimal places.");
        if (from == to) throw DomainException.Validation("to", "An FX rate needs two different currencies.");
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        From = from;
        To = to;
        Rate = rate;
        SetBy = setBy;
        SetAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Currency From { get; private set; } = null!;

    public Currency To { get; private set; } = null!;

    public decimal Rate { get; private set; }

    public Guid SetBy { get; private set; }

    public DateTimeOffset SetAt { get; private set; }
}
