using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Checkout;

internal sealed class CartMapping : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> b)
    {
        b.ToTable("carts", Schemas.Checkout);
        b.HasKey(c => c.Id);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.PromotionCode).HasMaxLength(63);
        b.Property(c => c.CheckoutKey).HasMaxLength(255);
        b.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        // One cart per login: two first requests racing both try to insert, the index keeps one.
        b.HasIndex(c => new { c.TenantId, c.AccountId }).IsUnique();
    }
}

internal sealed class CartLineMapping : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> b)
    {
        b.ToTable("cart_lines", Schemas.Checkout);
        b.HasKey(l => l.Id);
        b.Property(l => l.Sku).HasMaxLength(64);
        // One line per SKU: concurrent adds of a SKU meet here and fall back to adding to its quantity.
        b.HasIndex(l => new { l.CartId, l.Sku }).IsUnique();
    }
}
