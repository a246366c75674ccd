using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Orders;

internal sealed class OrderMapping : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders", Schemas.Orders);
        b.HasKey(o => o.Id);
        b.Property(o => o.Number).HasMaxLength(32);
        b.Property(o => o.ShippingMethod).HasMaxLength(63);
        b.Property(o => o.PromotionCode).HasMaxLength(63);
        b.Property(o => o.ShipName).HasMaxLength(200);
        b.Property(o => o.ShipLine1).HasMaxLength(200);
        b.Property(o => o.ShipCity).HasMaxLength(100);
        b.Property(o => o.ShipPostalCode).HasMaxLength(20);
        b.Property(o => o.ShipCountry).HasMaxLength(2);
        b.Property(o => o.PaymentToken).HasMaxLength(200);
        b.Property(o => o.FailureReason).HasMaxLength(100);
        b.Property(o => o.FxRate).HasPrecision(18, 8);
        b.Ignore(o => o.Total);
        // Every save of a status change is guarded by the status it was read with: of a retry and the recovery job
        // finishing one order, the second save matches no row (OrderService turns that into invalid_transition).
        b.Property(o => o.Status).IsConcurrencyToken();
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(o => new { o.TenantId, o.Number }).IsUnique();
        // A member's history, newest first; staff lists by status; the recovery job scans pending ones.
        b.HasIndex(o => new { o.TenantId, o.AccountId, o.Id });
        b.HasIndex(o => new { o.TenantId, o.Status, o.Id });
        b.HasIndex(o => new { o.Status, o.PlacedAt });
    }
}

internal sealed class OrderLineMapping : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines", Schemas.Orders);
        b.HasKey(l => l.Id);
        b.Property(l => l.Sku).HasMaxLength(64);
        b.Property(l => l.Title).HasMaxLength(300);
        b.HasIndex(l => new { l.OrderId, l.Position }).IsUnique();
    }
}
