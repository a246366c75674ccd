using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Checkout;

/// <summary>
/// The member's cart. Every change is a single statement on the database (insert guarded by a unique index, or a
/// conditional update), so two tabs adding at once never lose a line.
/// </summary>
public sealed class CartService(CommerceDb db, ITenantDirectory tenants, ISkuDirectory skus, IPriceBook prices, TimeProvider time)
{
    /// <summary>The member's cart, created in the tenant's default currency on first use.</summary>
    public async Task<Cart> GetOrCreateAsync(Guid accountId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var cart = await FindAsync(accountId, ct);
            if (cart is not null) return cart;
            var tenant = await tenants.FindByIdAsync(db.CurrentTenantId, ct) ?? throw DomainException.NotFound("Tenant");
            db.Set<Cart>().Add(new Cart(db.CurrentTenantId, accountId, Currency.From(tenant.DefaultCurrency), time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request created it first.
            }
            db.ChangeTracker.Clear();
        }
        return await FindAsync(accountId, ct) ?? throw DomainException.NotFound("Cart");
    }

    public async Task<Cart?> FindAsync(Guid accountId, CancellationToken ct) =>
        await db.Set<Cart>().AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.AccountId == accountId, ct);

    public async Task<Cart> SetCurrencyAsync(Guid accountId, string currency, string? country, CancellationToken ct)
    {
        var cart = await GetOrCreateAsync(accountId, ct);
        var tenant = await tenants.FindByIdAsync(db.CurrentTenantId, ct) ?? throw DomainException.NotFound("Tenant");
        var code = currency.ToUpperInvariant();
        if (code != tenant.DefaultCurrency && !tenant.Currencies.Contains(code))
        {
            throw new DomainException(ProblemCodes.UnknownCurrency, $"This shop does not sell in {code}.", 422);
        }
        var chosen = Currency.From(code);
        var market = country?.ToUpperInvariant();
        var now = time.GetUtcNow();
        await db.Set<Cart>().Where(c => c.Id == cart.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Currency, chosen).SetProperty(c => c.Country, market).SetProperty(c => c.UpdatedAt, now), ct);
        // Prices in the new currency have not been shown yet.
        await db.Set<CartLine>().Where(l => l.CartId == cart.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.SeenPriceMinor, (long?)null), ct);
        return (await FindAsync(accountId, ct))!;
    }

    public async Task<Cart> AddAsync(Guid accountId, string sku, int quantity, CancellationToken ct)
    {
        var cart = await GetOrCreateAsync(accountId, ct);
        var known = await skus.FindAsync([sku], ct);
        if (!known.ContainsKey(sku)) throw DomainException.NotFound("SKU");
        var price = (await prices.FindAsync([sku], cart.Currency, ct)).GetValueOrDefault(sku)
            ?? throw new DomainException("not_for_sale", $"{sku} has no price in {cart.Currency.Code}.", 422);
        var seen = price.Amount.AmountMinor;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var added = await db.Set<CartLine>().Where(l => l.CartId == cart.Id && l.Sku == sku)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, l => l.Quantity + quantity).SetProperty(l => l.SeenPriceMinor, seen), ct);
            if (added == 1) break;
            db.Set<CartLine>().Add(new CartLine(db.CurrentTenantId, cart.Id, sku, quantity, seen, time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the same SKU was added at the same moment: add to its quantity instead
            }
        }
        return (await FindAsync(accountId, ct))!;
    }

    public async Task<Cart> RemoveAsync(Guid accountId, string sku, CancellationToken ct)
    {
        var cart = await GetOrCreateAsync(accountId, ct);
        var removed = await db.Set<CartLine>().Where(l => l.CartId == cart.Id && l.Sku == sku).ExecuteDeleteAsync(ct);
        if (removed == 0) throw DomainException.NotFound("Cart line");
        return (await FindAsync(accountId, ct))!;
    }

    public async Task<Cart> SetPromotionAsync(Guid accountId, string? code, CancellationToken ct)
    {
        var cart = await GetOrCreateAsync(accountId, ct);
        await db.Set<Cart>().Where(c => c.Id == cart.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PromotionCode, code), ct);
        return (await FindAsync(accountId, ct))!;
    }

    /// <summary>Records the prices the member has just been shown, where they differ from what was recorded.</summary>
    public async Task MarkSeenAsync(Cart cart, PricedCart priced, CancellationToken ct)
    {
        foreach (var line in priced.Lines.Where(l => l.Unit is not null && l.SeenPriceMinor != l.Unit.Value.AmountMinor))
        {
            var (sku, seen) = (line.Sku, line.Unit!.Value.AmountMinor);
            await db.Set<CartLine>().Where(l => l.CartId == cart.Id && l.Sku == sku).ExecuteUpdateAsync(s => s.SetProperty(l => l.SeenPriceMinor, seen), ct);
        }
    }
}
