using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Payments;

internal sealed class PaymentMapping : IEntityTypeConfiguration<Payment>
{
    public const string Table = "payments";

    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable(Table, Schemas.Payments);
        b.HasKey(p => p.Id);
        b.Property(p => p.Reference).HasMaxLength(200);
        b.Property(p => p.GatewayReference).HasMaxLength(200);
        b.Property(p => p.DeclineCode).HasMaxLength(100);
        b.Ignore(p => p.Amount);
        // One live payment per reference: a second concurrent attempt for the same thing fails on this index
        // instead of charging twice. Failed and voided payments leave it, so a new attempt may follow.
        b.HasIndex(p => new { p.TenantId, p.Reference }).IsUnique().HasFilter("status <> 'Failed' AND status <> 'Voided'");
        b.HasIndex(p => new { p.Status, p.UpdatedAt });
    }
}
