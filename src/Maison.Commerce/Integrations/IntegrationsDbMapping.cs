using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Integrations;

internal sealed class PartnerMapping : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.ToTable("partners", Schemas.Integrations);
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(63);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Brand).HasMaxLength(63);
        b.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
    }
}
