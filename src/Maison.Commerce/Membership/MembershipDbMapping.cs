using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Membership;

internal sealed class MemberMapping : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members", Schemas.Membership);
        b.HasKey(m => m.Id);
        b.Property(m => m.Email).HasMaxLength(254);
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.InvitationCode).HasMaxLength(63);
        b.Property(m => m.Plan).HasMaxLength(63);
        b.Property(m => m.Tier).HasMaxLength(63);
        b.Property(m => m.PaymentToken).HasMaxLength(200);
        // IMembershipCheck's one query on hot paths; also one member per login.
        b.HasIndex(m => new { m.TenantId, m.AccountId }).IsUnique();
        b.HasIndex(m => new { m.TenantId, m.Status, m.AppliedAt });
        b.HasIndex(m => new { m.Status, m.ExpiresAt });
    }
}

internal sealed class MembershipPlanMapping : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> b)
    {
        b.ToTable("plans", Schemas.Membership);
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(63);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Tier).HasMaxLength(63);
        b.Ignore(p => p.Fee);
        b.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
    }
}

internal sealed class InvitationMapping : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations", Schemas.Membership);
        b.HasKey(i => i.Id);
        b.Property(i => i.Code).HasMaxLength(63);
        b.HasIndex(i => new { i.TenantId, i.Code }).IsUnique();
    }
}
