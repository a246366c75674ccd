using Maison.Commerce.Platform;

namespace Maison.Commerce.Pricing;

/// <summary>Where a price came from: set by staff, or derived from the base currency when a price list was published.</summary>
public enum PriceSource
{
    Manual,
    Derived,
}

/// <summary>One SKU's price in one currency of the tenant's price list for that currency.</summary>
public sealed class Price : ITenantOwned
{
    private Price() { }

    public Price(Guid tenantId, string sku, Money amount, Money? compareAt, PriceSource source, DateTimeOffset now)
    {
        if (amount.IsNegative) throw DomainException.Validation("amountMinor", "A price cannot be negative.");
        if (compareAt is { IsNegative: true }) throw DomainException.Validation("compareAtMinor", "A compare-at price cannot be negative.");
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Sku = sku;
        Currency = amount.Currency;
        AmountMinor = amount.AmountMinor;
        CompareAtMinor = compareAt?.AmountMinor;
        Source = source;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Sku { get; private set; } = "";

    public Currency Currency { get; private set; } = null!;

    public long AmountMinor { get; private set; }

    public long? CompareAtMinor { get; private set; }

    public PriceSource Source { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    public void Change(Money amount, Money? compareAt, PriceSource source, DateTimeOffset now)
    {
        if (amount.IsNegative) throw DomainException.Validation("amountMinor", "A price cannot be negative.");
        if (compareAt is { IsNegative: true }) throw DomainException.Validation("compareAtMinor", "A compare-at price cannot be negative.");
        AmountMinor = amount.AmountMinor;
        CompareAtMinor = compareAt?.AmountMinor;
        Source = source;
        UpdatedAt = now;
    }

    public Money? CompareAt => CompareAtMinor is { } c ? new Money(c, Currency) : null;
}
