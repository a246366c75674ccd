using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Orders;

/// <summary>
/// The order's hot-path writes as plain statements for a <see cref="SqlBatch"/> on PostgreSQL (ADR 0015): the same rows
/// EF's save writes (OrdersDbMapping's tables and columns; enums as their names, currency as its code), without the
/// change tracker and its command building. A mapping change must change this too (the PostgreSQL tests fail otherwise).
/// </summary>
internal static class OrderSql
{
    public static void AddInserts(SqlBatch batch, Order o)
    {
        batch.Add("""
            INSERT INTO orders.orders (id, tenant_id, number, account_id, member_id, status, currency, tax_inclusive, fx_rate,
                subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, shipping_method, promotion_code,
                ship_name, ship_line1, ship_city, ship_postal_code, ship_country, reservation_id, payment_id, payment_token,
                failure_reason, placed_at, confirmed_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, $11, $12, $13, $14, $15, $16::text, $17, $18, $19, $20, $21, $22,
                NULL, $23, NULL, $24, NULL, $25)
            """,
            o.Id, o.TenantId, o.Number, o.AccountId, o.MemberId, o.Status.ToString(), o.Currency.Code, o.TaxInclusive, o.FxRate,
            o.SubtotalMinor, o.DiscountMinor, o.ShippingMinor, o.TaxMinor, o.TotalMinor, o.ShippingMethod, o.PromotionCode,
            o.ShipName, o.ShipLine1, o.ShipCity, o.ShipPostalCode, o.ShipCountry, o.ReservationId, o.PaymentToken, o.PlacedAt, o.UpdatedAt);
        foreach (var l in o.Lines)
        {
            batch.Add("""
                INSERT INTO orders.order_lines (id, tenant_id, order_id, position, sku, title, quantity, unit_price_minor, subtotal_minor,
                    discount_minor, shipping_minor, tax_minor, total_minor)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """,
                l.Id, l.TenantId, l.OrderId, l.Position, l.Sku, l.Title, l.Quantity, l.UnitPriceMinor, l.SubtotalMinor, l.DiscountMinor,
                l.ShippingMinor, l.TaxMinor, l.TotalMinor);
        }
    }

    /// <summary>pending → confirmed, only if the row is still <paramref name="from"/>; otherwise the batch throws invalid_transition.</summary>
    public static void AddConfirm(SqlBatch batch, Order o, OrderStatus from) =>
        batch.AddExpecting(1, () => DomainException.Conflict(ProblemCodes.InvalidTransition, "The order changed while it was being updated."), """
            UPDATE orders.orders SET status = $1, payment_id = $2, confirmed_at = $3, updated_at = $4
            WHERE id = $5 AND tenant_id = $6 AND status = $7
            """,
            o.Status.ToString(), o.PaymentId, o.ConfirmedAt, o.UpdatedAt, o.Id, o.TenantId, from.ToString());
}
