using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Pricing.Contracts;

/// <summary>A SKU's price in one currency: the member price and the boutique's compare-at (RRP), if any.</summary>
public sealed record SkuPrice(string Sku, Money Amount, Money? CompareAt);

/// <summary>A price a caller sets for one SKU in one currency (minor units).</summary>
public sealed record PriceInput(string Currency, long AmountMinor, long? CompareAtMinor);

/// <summary>The current tenant's published prices: Catalog sets them with products, storefront and checkout read them.</summary>
public interface IPriceBook
{
    /// <summary>Replaces the manual prices of <paramref name="sku"/> in the currencies given (others untouched); saved with the caller's unit of work.</summary>
    Task SetPricesAsync(string sku, IReadOnlyList<PriceInput> prices, CancellationToken ct);

    /// <summary>Every price of the tenant, for building storefront snapshots (one query).</summary>
    Task<IReadOnlyList<SkuPrice>> AllAsync(CancellationToken ct);

    /// <summary>Every currency's price of <paramref name="skus"/>.</summary>
    Task<IReadOnlyList<SkuPrice>> ForSkusAsync(IReadOnlyCollection<string> skus, CancellationToken ct);

    /// <summary>The prices of <paramref name="skus"/> in <paramref name="currency"/>; SKUs without one are absent.</summary>
    Task<IReadOnlyDictionary<string, SkuPrice>> FindAsync(IReadOnlyCollection<string> skus, Currency currency, CancellationToken ct);
}

/// <summary>Price lists as other modules may drive them (the demo seed, partner imports).</summary>
public interface IPriceLists
{
    /// <summary>Sets the FX rate, derives <paramref name="currency"/> from <paramref name="baseCurrency"/> with the rule and publishes; returns how many prices were derived.</summary>
    Task<int> DeriveAndPublishAsync(Currency currency, Currency baseCurrency, decimal rate, RoundingRule rounding, CancellationToken ct);
}

/// <summary>VAT of a market, for tax-inclusive display and checkout.</summary>
/// <param name="RateBasisPoints">The rate in hundredths of a percent (20% = 2000).</param>
public sealed record TaxRateInfo(string Country, int RateBasisPoints, bool TaxInclusive);

/// <summary>Reads the tenant's tax rates per market (country).</summary>
public interface ITaxRates
{
    Task<TaxRateInfo?> FindAsync(string country, CancellationToken ct);

    /// <summary>Every market's rate, for storefront snapshots.</summary>
    Task<IReadOnlyList<TaxRateInfo>> AllAsync(CancellationToken ct);
}

/// <summary>Staff set a market's VAT rate.</summary>
[EventType("tax_rate.set")]
public sealed record TaxRateSet(string Country, int RateBasisPoints, bool TaxInclusive) : IntegrationEvent;

/// <summary>Prices changed (manual edit or a published price list): storefront caches drop what they hold.</summary>
[EventType("prices.changed")]
public sealed record PricesChanged(string Currency, IReadOnlyList<string> Skus) : IntegrationEvent;

/// <summary>A price list was published: its derived prices are frozen until it is published again.</summary>
[EventType("price_list.published")]
public sealed record PriceListPublished(string Currency, string? BaseCurrency, int Prices) : IntegrationEvent;

/// <summary>Staff set an FX rate.</summary>
[EventType("fx_rate.set")]
public sealed record FxRateSet(string From, string To, decimal Rate) : IntegrationEvent;
