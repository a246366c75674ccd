using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// <see cref="TryClaimAsync"/> and then the claimed cart with its lines, in one round trip on PostgreSQL (ADR 0013):
    /// the conditional update decides exactly as there, and the same statement returns the row it claimed. Null when
    /// nothing was claimed (no cart, or another key holds it). Elsewhere: the claim, then the read.
    /// </summary>
    public async Task<Cart?> ClaimAndReadAsync(Guid accountId, Guid tenantId, string key, Func<Task<Cart?>> read, CancellationToken ct)
    {
        if (!db.IsPostgres) return await TryClaimAsync(accountId, key, ct) ? await read() : null;
        var now = time.GetUtcNow();
        await db.Database.OpenConnectionAsync(ct); // nests: the saga holds it open already
        try
        {
            return await ClaimAndReadOnConnectionAsync(accountId, tenantId, key, now, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Cart?> ClaimAndReadOnConnectionAsync(Guid accountId, Guid tenantId, string key, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            WITH claimed AS (
                UPDATE checkout.carts SET checkout_key = $1, checkout_started_at = $2
                WHERE tenant_id = $3 AND account_id = $4
                  AND (checkout_key IS NULL OR checkout_key = $1 OR (checkout_order_id IS NULL AND checkout_started_at < $5))
                RETURNING id, currency, country, promotion_code, checkout_order_id, updated_at)
            SELECT c.id, c.currency, c.country, c.promotion_code, c.checkout_order_id, c.updated_at,
                   l.id, l.sku, l.quantity, l.seen_price_minor, l.added_at
            FROM claimed c LEFT JOIN checkout.cart_lines l ON l.cart_id = c.id AND l.tenant_id = $3
            """;
        Add(command, key);
        Add(command, now);
        Add(command, tenantId);
        Add(command, accountId);
        Add(command, now - Lease);
        Cart? cart = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cart ??= Cart.FromRow(reader.GetGuid(0), tenantId, accountId, Currency.From(reader.GetString(1)), Nullable<string>(reader, 2),
                Nullable<string>(reader, 3), key, now, reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5));
            if (reader.IsDBNull(6)) continue;
            cart.AddRead(CartLine.FromRow(reader.GetGuid(6), tenantId, cart.Id, reader.GetString(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }
        return cart;
    }

    private static void Add(System.Data.Common.DbCommand command, object value)
    {
        var parameter = command.CreateParameter();
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static T? Nullable<T>(System.Data.Common.DbDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static DomainException InProgress() =>
        new(CheckoutInProgress, "Another checkout of this cart is in progress; wait for it to finish.", 409);

    /// <summary>Records the order the claim placed, inside the checkout transaction; false if the claim was lost meanwhile.</summary>
    public async Task<bool> AttachOrderAsync(Guid cartId, string key, Guid orderId, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            // The same conditional update as below, without building and looking up a LINQ update on the hot path (ADR 0013).
            var tenantId = db.CurrentTenantId;
            return await db.Database.ExecuteSqlAsync($"""
                UPDATE checkout.carts SET checkout_order_id = {orderId}
                WHERE id = {cartId} AND tenant_id = {tenantId} AND checkout_key = {key} AND checkout_order_id IS NULL
                """, ct) == 1;
        }
        return await db.Set<Cart>().Where(c => c.Id == cartId && c.CheckoutKey == key && c.CheckoutOrderId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutOrderId, orderId), ct) == 1;
    }

    /// <summary>
    /// <see cref="AttachOrderAsync"/>'s conditional update as a statement of the order's batch (PostgreSQL, ADR 0015): the
    /// batch throws 409 <c>checkout_in_progress</c> when the claim was lost meanwhile, and its transaction rolls back whole.
    /// </summary>
    public void AttachOrder(SqlBatch batch, Guid cartId, string key, Guid orderId) =>
        batch.AddExpecting(1, () => new DomainException(CheckoutInProgress, "Another checkout of this cart is in progress.", 409), """
            UPDATE checkout.carts SET checkout_order_id = $1
            WHERE id = $2 AND tenant_id = $3 AND checkout_key = $4 AND checkout_order_id IS NULL
            """, orderId, cartId, db.CurrentTenantId, key);

    /// <summary>
    /// Freeing the claim of a confirmed order (<see cref="FinishAsync(Guid, Guid, IReadOnlyCollection{string}?, CancellationToken)"/>
    /// on PostgreSQL) as a statement of the confirmation's batch (ADR 0015).
    /// </summary>
    public void Finish(SqlBatch batch, Guid cartId, Guid orderId, IReadOnlyCollection<string> orderedSkus) =>
        batch.Add(FinishSql, orderedSkus.ToArray(), cartId, db.CurrentTenantId, orderId);

    private const string FinishSql = """
        WITH gone AS (DELETE FROM checkout.cart_lines WHERE cart_id = $2 AND tenant_id = $3 AND sku = ANY($1))
        UPDATE checkout.carts SET promotion_code = NULL, checkout_key = NULL, checkout_started_at = NULL, checkout_order_id = NULL
        WHERE id = $2 AND tenant_id = $3 AND checkout_order_id = $4
        """;

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
