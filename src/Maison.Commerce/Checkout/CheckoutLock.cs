using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Checkout;

/// <summary>
/// One checkout per cart at a time, held in the cart row itself: claiming is one conditional update, so of two keys
/// racing on a cart exactly one wins and the other gets 409 <c>checkout_in_progress</c>. The same key may claim again
/// (a retry). A claim that never placed an order lapses after <see cref="Lease"/>; one that did is finished by the
/// retry with its key or by <see cref="CheckoutRecoveryJob"/>, which frees it.
/// </summary>
public sealed class CheckoutLock(CommerceDb db, TimeProvider time)
{
    public const string CheckoutInProgress = "checkout_in_progress";
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Claims the member's cart for <paramref name="key"/>; false if there is no cart or another key holds it.</summary>
    public async Task<bool> TryClaimAsync(Guid accountId, string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lapsed = now - Lease;
        return await db.Set<Cart>()
            .Where(c => c.AccountId == accountId
                && (c.CheckoutKey == null || c.CheckoutKey == key || (c.CheckoutOrderId == null && c.CheckoutStartedAt < lapsed)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutKey, key).SetProperty(c => c.CheckoutStartedAt, now), ct) == 1;
    }

    public static DomainException InProgress() =>
        new(CheckoutInProgress, "Another checkout of this cart is in progress; wait for it to finish.", 409);

    /// <summary>Records the order the claim placed, inside the checkout transaction; false if the claim was lost meanwhile.</summary>
    public async Task<bool> AttachOrderAsync(Guid cartId, string key, Guid orderId, CancellationToken ct) =>
        await db.Set<Cart>().Where(c => c.Id == cartId && c.CheckoutKey == key && c.CheckoutOrderId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutOrderId, orderId), ct) == 1;

    /// <summary>Frees a claim that placed no order (the checkout was refused before its transaction committed).</summary>
    public Task ReleaseAsync(Guid cartId, string key) =>
        db.Set<Cart>().Where(c => c.Id == cartId && c.CheckoutKey == key && c.CheckoutOrderId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutKey, (string?)null).SetProperty(c => c.CheckoutStartedAt, (DateTimeOffset?)null),
                CancellationToken.None);

    /// <summary>Frees the claim of a finished order; when it was confirmed, its lines (and the code it used) leave the cart with it.</summary>
    public async Task FinishAsync(Guid orderId, IReadOnlyCollection<string>? orderedSkus, CancellationToken ct)
    {
        var cartId = await db.Set<Cart>().Where(c => c.CheckoutOrderId == orderId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        if (cartId is null) return;
        await FinishAsync(cartId.Value, orderId, orderedSkus, ct);
    }

    /// <summary><see cref="FinishAsync(Guid, IReadOnlyCollection{string}?, CancellationToken)"/> when the cart is known: one statement on PostgreSQL.</summary>
    public async Task FinishAsync(Guid cartId, Guid orderId, IReadOnlyCollection<string>? orderedSkus, CancellationToken ct)
    {
        if (orderedSkus is not null && db.IsPostgres)
        {
            // One round trip: the ordered lines leave and the claim is freed in the same statement (same conditions as below).
            var skus = orderedSkus.ToArray();
            var tenantId = db.CurrentTenantId;
            await db.Database.ExecuteSqlAsync($"""
                WITH gone AS (DELETE FROM checkout.cart_lines WHERE cart_id = {cartId} AND tenant_id = {tenantId} AND sku = ANY({skus}))
                UPDATE checkout.carts SET promotion_code = NULL, checkout_key = NULL, checkout_started_at = NULL, checkout_order_id = NULL
                WHERE id = {cartId} AND tenant_id = {tenantId} AND checkout_order_id = {orderId}
                """, ct);
            return;
        }
        if (orderedSkus is not null)
        {
            await db.Set<CartLine>().Where(l => l.CartId == cartId && orderedSkus.Contains(l.Sku)).ExecuteDeleteAsync(ct);
        }
        await db.Set<Cart>().Where(c => c.Id == cartId && c.CheckoutOrderId == orderId).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(c => c.CheckoutKey, (string?)null)
                .SetProperty(c => c.CheckoutStartedAt, (DateTimeOffset?)null)
                .SetProperty(c => c.CheckoutOrderId, (Guid?)null);
            if (orderedSkus is not null) s.SetProperty(c => c.PromotionCode, (string?)null);
        }, ct);
    }
}
