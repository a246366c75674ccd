using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Inventory;

internal sealed class LocationMapping : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.ToTable("locations", Schemas.Inventory);
        b.HasKey(l => l.Id);
        b.Property(l => l.Code).HasMaxLength(63);
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.Country).HasMaxLength(2);
        b.Property(l => l.Serves).HasMaxLength(1000);
        b.Ignore(l => l.ServedCountries);
        b.HasIndex(l => new { l.TenantId, l.Code }).IsUnique();
    }
}

internal sealed class StockLevelMapping : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> b)
    {
        b.ToTable("stock_levels", Schemas.Inventory);
        b.HasKey(l => l.Id);
        b.Property(l => l.Sku).HasMaxLength(64);
        b.Ignore(l => l.Available);
        b.HasIndex(l => new { l.TenantId, l.Sku, l.LocationId }).IsUnique();
        b.HasOne<Location>().WithMany().HasForeignKey(l => l.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StockMovementMapping : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.ToTable("stock_movements", Schemas.Inventory);
        b.HasKey(m => m.Id);
        b.Property(m => m.Sku).HasMaxLength(64);
        b.Property(m => m.Source).HasMaxLength(120);
        b.Property(m => m.Reason).HasMaxLength(500);
        b.HasIndex(m => new { m.TenantId, m.Sku, m.Id });
        b.HasIndex(m => m.LevelId);
    }
}

internal sealed class ReservationMapping : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> b)
    {
        b.ToTable("reservations", Schemas.Inventory);
        b.HasKey(r => r.Id);
        b.Property(r => r.Reference).HasMaxLength(200);
        b.Property(r => r.ReleaseReason).HasMaxLength(200);
        // The expiry job's scan: held reservations by deadline, and only them (ADR 0020). A committed or released
        // reservation leaves this index, so its size follows what is held now, not every reservation ever made, and a
        // commit or release adds no entry to it.
        b.HasIndex(r => r.ExpiresAt).HasFilter("status = 'Held'");
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReservationLineMapping : IEntityTypeConfiguration<ReservationLine>
{
    public void Configure(EntityTypeBuilder<ReservationLine> b)
    {
        b.ToTable("reservation_lines", Schemas.Inventory);
        b.HasKey(l => l.Id);
        b.Property(l => l.Sku).HasMaxLength(64);
        b.Property(l => l.LocationCode).HasMaxLength(63);
        b.HasIndex(l => l.ReservationId);
    }
}
