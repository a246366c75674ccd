using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Promotions.Shipping;

internal sealed class ShippingMethodMapping : IEntityTypeConfiguration<ShippingMethod>
{
    public void Configure(EntityTypeBuilder<ShippingMethod> b)
    {
        b.ToTable("shipping_methods", Schemas.Promotions);
        b.HasKey(m => m.Id);
        b.Property(m => m.Code).HasMaxLength(63);
        b.Property(m => m.Name).HasMaxLength(200);
        b.HasIndex(m => new { m.TenantId, m.Code }).IsUnique();
        b.HasMany(m => m.Rates).WithOne().HasForeignKey("MethodId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Rates).AutoInclude();
    }
}

/// <summary>A plain entity rather than an owned one: the SQLite table prefix applies to non-owned tables.</summary>
internal sealed class ShippingRateMapping : IEntityTypeConfiguration<ShippingRate>
{
    public void Configure(EntityTypeBuilder<ShippingRate> b)
    {
        b.ToTable("shipping_rates", Schemas.Promotions);
        b.Property<Guid>("MethodId");
        b.HasKey("MethodId", nameof(ShippingRate.Currency));
    }
}
