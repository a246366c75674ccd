using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Pricing.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Pricing;

/// <summary>The tenant's prices per currency; manual prices are written in the caller's unit of work.</summary>
public sealed class PriceBook(CommerceDb db, TimeProvider time) : IPriceBook
{
    public async Task SetPricesAsync(string sku, IReadOnlyList<PriceInput> prices, CancellationToken ct)
    {
        var currencies = prices.Select(p => Currency.From(p.Currency)).ToList();
        if (currencies.Distinct().Count() != currencies.Count) throw DomainException.Validation("prices", $"SKU {sku} has two prices in one currency.");
        var codes = currencies.ToList();
        var existing = await db.Set<Price>().Where(p => p.Sku == sku).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var input in prices)
        {
            var currency = Currency.From(input.Currency);
            var amount = new Money(input.AmountMinor, currency);
            Money? compareAt = input.CompareAtMinor is { } c ? new Money(c, currency) : null;
            var row = existing.FirstOrDefault(p => p.Currency == currency);
            if (row is null) db.Set<Price>().Add(new Price(db.Tenant.Required, sku, amount, compareAt, PriceSource.Manual, now));
            else row.Change(amount, compareAt, PriceSource.Manual, now);
        }
        if (prices.Count > 0) db.Publish(new PricesChanged(string.Join(",", codes.Select(c => c.Code)), [sku]));
    }

    public async Task<IReadOnlyList<SkuPrice>> AllAsync(CancellationToken ct) =>
        (await db.Set<Price>().AsNoTracking().ToListAsync(ct)).Select(ToSkuPrice).ToList();

    public async Task<IReadOnlyList<SkuPrice>> ForSkusAsync(IReadOnlyCollection<string> skus, CancellationToken ct) =>
        (await db.Set<Price>().AsNoTracking().Where(p => skus.Contains(p.Sku)).ToListAsync(ct)).Select(ToSkuPrice).ToList();

    public async Task<IReadOnlyDictionary<string, SkuPrice>> FindAsync(IReadOnlyCollection<string> skus, Currency currency, CancellationToken ct)
    {
        var found = new Dictionary<string, SkuPrice>(StringComparer.Ordinal);
        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return found;
        if (db.IsPostgres && wanted.Count <= SqlRead.MaxListParameters)
        {
            // Every checkout asks (ADR 0018): one plain statement on the unique (tenant, currency, SKU) index.
            var tenantId = db.CurrentTenantId;
            await SqlRead.ReadAsync(db, BySize[wanted.Count], parameters =>
            {
                parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = tenantId });
                parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = currency.Code, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
                foreach (var sku in wanted) parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = sku, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
            }, row => found[row.GetString(0)] = new SkuPrice(row.GetString(0), new Money(row.GetInt64(1), currency),
                row.IsDBNull(2) ? null : new Money(row.GetInt64(2), currency)), ct);
            return found;
        }
        // One parameter per SKU, not one array, so that the prepared statement keeps one generic plan instead of being
        // planned on every call (ADR 0017; see SkuDirectory).
        await foreach (var p in db.Set<Price>().AsNoTracking().Where(p => EF.MultipleParameters(wanted).Contains(p.Sku)).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (p.Currency == currency) found[p.Sku] = ToSkuPrice(p);
        }
        return found;
    }

    private static readonly string[] BySize = [.. Enumerable.Range(0, SqlRead.MaxListParameters + 1).Select(n => n == 0 ? "" : $"""
        SELECT sku, amount_minor, compare_at_minor FROM pricing.prices
        WHERE tenant_id = $1 AND currency = $2 AND sku IN ({SqlRead.Placeholders(3, n)})
        """)];

    private static SkuPrice ToSkuPrice(Price p) => new(p.Sku, p.Amount, p.CompareAt);
}
