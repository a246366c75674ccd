using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Tenancy;

internal sealed class TenantMapping : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.ToTable("tenants", Schemas.Tenancy);
        b.HasKey(t => t.Id);
        b.Property(t => t.Slug).HasMaxLength(63);
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Name).HasMaxLength(200);
    }
}

internal sealed class AccountMapping : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts", Schemas.Tenancy);
        b.HasKey(a => a.Id);
        b.Property(a => a.Email).HasMaxLength(254);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.PasswordHash).HasMaxLength(400);
        b.Property(a => a.Role).HasMaxLength(40);
        b.HasIndex(a => new { a.TenantId, a.Email }).IsUnique();
    }
}

internal sealed class RefreshTokenMapping : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> b)
    {
        b.ToTable("refresh_tokens", Schemas.Tenancy);
        b.HasKey(t => t.Id);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.FamilyId);
    }
}

internal sealed class ApiKeyMapping : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys", Schemas.Tenancy);
        b.HasKey(k => k.Id);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.Property(k => k.PartnerCode).HasMaxLength(63);
        b.Property(k => k.Brand).HasMaxLength(63);
        b.Property(k => k.DisplayPrefix).HasMaxLength(16);
    }
}
