using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Pricing.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Maison.Commerce.Pricing;

/// <summary>What staff do with prices: FX rates, price lists and their publication, tax rates.</summary>
public sealed class PricingAdministration(CommerceDb db, TimeProvider time, IStorefrontCache storefront, IMemoryCache cache) : IPriceLists
{
    public async Task<int> DeriveAndPublishAsync(Currency currency, Currency baseCurrency, decimal rate, RoundingRule rounding, CancellationToken ct)
    {
        await SetFxRateAsync(baseCurrency, currency, rate, Guid.Empty, ct);
        var list = await ConfigurePriceListAsync(currency, baseCurrency, rounding, null, ct);
        return (await PublishAsync(currency, list.Version, ct)).Derived;
    }

    public async Task<FxRate> SetFxRateAsync(Currency from, Currency to, decimal rate, Guid setBy, CancellationToken ct)
    {
        var row = new FxRate(db.Tenant.Required, from, to, rate, setBy, time.GetUtcNow());
        db.Set<FxRate>().Add(row);
        db.Publish(new FxRateSet(from.Code, to.Code, rate));
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The latest rate from one currency to another, or null when staff never set one.</summary>
    public async Task<FxRate?> CurrentRateAsync(Currency from, Currency to, CancellationToken ct)
    {
        var rows = await db.Set<FxRate>().AsNoTracking().Where(r => r.From == from && r.To == to).ToListAsync(ct);
        return rows.OrderByDescending(r => r.SetAt).ThenByDescending(r => r.Id).FirstOrDefault();
    }

    public async Task<PriceList> ConfigurePriceListAsync(Currency currency, Currency? baseCurrency, RoundingRule rounding, long? ifMatch, CancellationToken ct)
    {
        var list = await db.Set<PriceList>().SingleOrDefaultAsync(l => l.Currency == currency, ct);
        if (list is null)
        {
            list = new PriceList(db.Tenant.Required, currency, baseCurrency, rounding);
            db.Set<PriceList>().Add(list);
        }
        else
        {
            ETags.EnsureMatches(ifMatch, list.Version);
            if (baseCurrency == currency) throw DomainException.Validation("baseCurrency", "A price list cannot derive from its own currency.");
            list.Configure(baseCurrency, rounding);
        }
        await SaveAsync(ct);
        return list;
    }

    public async Task<PriceList?> FindPriceListAsync(Currency currency, CancellationToken ct) =>
        await db.Set<PriceList>().AsNoTracking().SingleOrDefaultAsync(l => l.Currency == currency, ct);

    /// <summary>
    /// Publishes the list: SKUs with a base-currency price and no manual price here get a derived price, computed
    /// now with the current FX rate and frozen until the next publication.
    /// </summary>
    public async Task<(PriceList List, int Derived)> PublishAsync(Currency currency, long? ifMatch, CancellationToken ct)
    {
        var list = await db.Set<PriceList>().SingleOrDefaultAsync(l => l.Currency == currency, ct) ?? throw DomainException.NotFound("Price list");
        ETags.EnsureMatches(ifMatch, list.Version);
        var derived = 0;
        decimal? rate = null;
        var now = time.GetUtcNow();
        if (list.BaseCurrency is { } baseCurrency)
        {
            rate = (await CurrentRateAsync(baseCurrency, currency, ct))?.Rate
                ?? throw DomainException.Conflict("fx_rate_missing", $"Set an FX rate from {baseCurrency} to {currency} before publishing.");
            var basePrices = await db.Set<Price>().Where(p => p.Currency == baseCurrency).ToListAsync(ct);
            var here = (await db.Set<Price>().Where(p => p.Currency == currency).ToListAsync(ct)).ToDictionary(p => p.Sku, StringComparer.Ordinal);
            foreach (var basePrice in basePrices)
            {
                if (here.TryGetValue(basePrice.Sku, out var existing) && existing.Source == PriceSource.Manual) continue;
                var amount = FxConversion.Convert(basePrice.Amount, currency, rate.Value, list.Rounding);
                var compareAt = basePrice.CompareAt is { } c ? FxConversion.Convert(c, currency, rate.Value, list.Rounding) : (Money?)null;
                if (existing is null) db.Set<Price>().Add(new Price(db.Tenant.Required, basePrice.Sku, amount, compareAt, PriceSource.Derived, now));
                else existing.Change(amount, compareAt, PriceSource.Derived, now);
                derived++;
            }
        }
        list.MarkPublished(rate, now);
        db.Publish(new PriceListPublished(currency.Code, list.BaseCurrency?.Code, derived));
        await SaveAsync(ct);
        await storefront.InvalidateTenantAsync(db.Tenant.Required, ct);
        return (list, derived);
    }

    public async Task<TaxRate> SetTaxRateAsync(string country, int rateBasisPoints, bool taxInclusive, CancellationToken ct)
    {
        var row = await db.Set<TaxRate>().SingleOrDefaultAsync(r => r.Country == country, ct);
        if (row is null) db.Set<TaxRate>().Add(row = new TaxRate(db.Tenant.Required, country, rateBasisPoints, taxInclusive));
        else row.Change(rateBasisPoints, taxInclusive);
        db.Publish(new TaxRateSet(country, rateBasisPoints, taxInclusive));
        await SaveAsync(ct);
        TaxRates.Forget(cache, db.Tenant.Required);
        await storefront.InvalidateTenantAsync(db.Tenant.Required, ct);
        return row;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await ETags.SaveAsync(db, ct);
        }
        catch (DbUpdateException)
        {
            // Two staff configuring the same currency at once: the unique index decides.
            throw DomainException.Conflict(ProblemCodes.Conflict, "The price list changed concurrently; read it again and retry.");
        }
    }
}

/// <summary>
/// Tax rates for checkout and display. A tenant's rates are few, read by every cart view and checkout and changed by
/// staff a few times a year, so they are kept in memory for <see cref="Lifetime"/> (as ADR 0011 keeps automatic promotions
/// and shipping methods): this process forgets them as soon as it saves a rate, other replicas within
/// <see cref="Lifetime"/> (ADR 0013).
/// </summary>
public sealed class TaxRates(CommerceDb db, IMemoryCache cache) : ITaxRates
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<TaxRateInfo?> FindAsync(string country, CancellationToken ct) =>
        (await AllAsync(ct)).FirstOrDefault(r => r.Country == country);

    public async Task<IReadOnlyList<TaxRateInfo>> AllAsync(CancellationToken ct)
    {
        var key = Key(db.Tenant.Required);
        if (cache.TryGetValue(key, out IReadOnlyList<TaxRateInfo>? hit) && hit is not null) return hit;
        IReadOnlyList<TaxRateInfo> rates = (await db.Set<TaxRate>().AsNoTracking().ToListAsync(ct))
            .Select(r => new TaxRateInfo(r.Country, r.RateBasisPoints, r.TaxInclusive)).ToList();
        cache.Set(key, rates, Lifetime);
        return rates;
    }

    internal static void Forget(IMemoryCache cache, Guid tenantId) => cache.Remove(Key(tenantId));

    private static (string, Guid) Key(Guid tenantId) => ("tax-rates", tenantId);
}
