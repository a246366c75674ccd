using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Pricing;

internal sealed class PriceMapping : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> b)
    {
        b.ToTable("prices", Schemas.Pricing);
        b.HasKey(p => p.Id);
        b.Property(p => p.Sku).HasMaxLength(64);
        b.HasIndex(p => new { p.TenantId, p.Currency, p.Sku }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.Sku });
        b.Ignore(p => p.Amount);
        b.Ignore(p => p.CompareAt);
    }
}

internal sealed class PriceListMapping : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> b)
    {
        b.ToTable("price_lists", Schemas.Pricing);
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.TenantId, p.Currency }).IsUnique();
        b.Property(p => p.PublishedRate).HasPrecision(18, 8);
        b.Ignore(p => p.Rounding);
    }
}

internal sealed class FxRateMapping : IEntityTypeConfiguration<FxRate>
{
    public void Configure(EntityTypeBuilder<FxRate> b)
    {
        b.ToTable("fx_rates", Schemas.Pricing);
        b.HasKey(r => r.Id);
        b.Property(r => r.Rate).HasPrecision(18, 8);
        b.HasIndex(r => new { r.TenantId, r.From, r.To, r.SetAt });
    }
}

internal sealed class TaxRateMapping : IEntityTypeConfiguration<TaxRate>
{
    public void Configure(EntityTypeBuilder<TaxRate> b)
    {
        b.ToTable("tax_rates", Schemas.Pricing);
        b.HasKey(r => r.Id);
        b.Property(r => r.Country).HasMaxLength(2);
        b.HasIndex(r => new { r.TenantId, r.Country }).IsUnique();
    }
}
