using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions.Shipping;

/// <summary>A way to ship (e.g. <c>standard</c>, <c>express</c>) with one rate per currency it is offered in.</summary>
public sealed class ShippingMethod : ITenantOwned
{
    /// <summary>What a tenant without methods offers: free in each of its currencies.</summary>
    public const string Standard = "standard";

    private ShippingMethod() { }

    public ShippingMethod(Guid tenantId, string code, string name, IEnumerable<ShippingRate> rates, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Code = code;
        Name = name;
        Rates = rates.ToList();
        if (Rates.Count == 0) throw DomainException.Validation("rates", "A shipping method needs at least one rate.");
        if (Rates.GroupBy(r => r.Currency).Any(g => g.Count() > 1)) throw DomainException.Validation("rates", "One rate per currency.");
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public List<ShippingRate> Rates { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The rate in the cart's currency, or null if the method is not offered in it.</summary>
    public Money? Quote(Money subtotal) => Rates.SingleOrDefault(r => r.Currency == subtotal.Currency)?.For(subtotal);
}

/// <summary>A flat amount in one currency, free when the subtotal reaches <see cref="FreeOverMinor"/> (inclusive).</summary>
public sealed class ShippingRate
{
    private ShippingRate() { }

    public ShippingRate(Currency currency, long amountMinor, long? freeOverMinor)
    {
        Currency = currency;
        AmountMinor = amountMinor;
        FreeOverMinor = freeOverMinor;
    }

    public Currency Currency { get; private set; } = Currency.GBP;

    public long AmountMinor { get; private set; }

    public long? FreeOverMinor { get; private set; }

    public Money For(Money subtotal) =>
        FreeOverMinor is { } threshold && subtotal.AmountMinor >= threshold ? Money.Zero(Currency) : new Money(AmountMinor, Currency);
}
