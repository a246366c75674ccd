using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Promotions.Contracts;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Promotions.Shipping;

/// <summary><see cref="IShippingRates"/> and the methods staff define.</summary>
internal sealed class ShippingRates(CommerceDb db, ITenantDirectory tenants, TimeProvider time, PromotionsReferenceCache reference) : IShippingRates
{
    public const string UnknownShippingMethod = "unknown_shipping_method";

    public async Task<Money> QuoteAsync(string method, Money subtotal, CancellationToken ct)
    {
        var code = method.Trim().ToLowerInvariant();
        var methods = await reference.ShippingMethodsAsync(db.Tenant.Required,
            () => db.Set<ShippingMethod>().AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct));
        var found = methods.FirstOrDefault(m => m.Code == code);
        if (found?.Quote(subtotal) is { } rate) return rate;
        if (found is null && code == ShippingMethod.Standard && methods.Count == 0
            && (await CurrenciesAsync(ct)).Contains(subtotal.Currency.Code))
        {
            return Money.Zero(subtotal.Currency);
        }
        throw new DomainException(UnknownShippingMethod, $"There is no shipping method '{method}' in {subtotal.Currency}.", 422);
    }

    public async Task<ShippingMethod> CreateAsync(string code, string name, IEnumerable<ShippingRate> rates, CancellationToken ct)
    {
        var method = new ShippingMethod(db.Tenant.Required, code, name, rates, time.GetUtcNow());
        db.Set<ShippingMethod>().Add(method);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(method).State = EntityState.Detached;
            throw DomainException.Conflict(ProblemCodes.CodeTaken, $"The shipping method '{code}' exists.");
        }
        reference.ForgetShippingMethods(db.Tenant.Required);
        return method;
    }

    /// <summary>The tenant's methods by code, or the implicit free <c>standard</c> while it has none.</summary>
    public async Task<IReadOnlyList<ShippingMethod>> ListAsync(CancellationToken ct)
    {
        var methods = await db.Set<ShippingMethod>().AsNoTracking().OrderBy(m => m.Code).Take(Cursor.MaxLimit).ToListAsync(ct);
        if (methods.Count > 0) return methods;
        var rates = (await CurrenciesAsync(ct)).Select(c => new ShippingRate(Currency.From(c), 0, null));
        return [new ShippingMethod(db.Tenant.Required, ShippingMethod.Standard, "Standard", rates, time.GetUtcNow())];
    }

    private async Task<IReadOnlyList<string>> CurrenciesAsync(CancellationToken ct)
    {
        var tenant = await tenants.FindByIdAsync(db.Tenant.Required, ct);
        return tenant is null ? [] : [.. tenant.Currencies.Append(tenant.DefaultCurrency).Distinct()];
    }
}
