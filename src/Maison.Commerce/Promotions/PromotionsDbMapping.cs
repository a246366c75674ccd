using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maison.Commerce.Promotions;

internal sealed class PromotionMapping : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> b)
    {
        b.ToTable("promotions", Schemas.Promotions);
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(40);
        b.Ignore(p => p.AmountOff);
        b.Ignore(p => p.MinSubtotal);
        b.Ignore(p => p.IsExhausted);
        // Slugs only (no commas), so a joined string is exact on both engines and needs no JSON functions.
        b.Property(p => p.Brands).HasConversion(SlugList.Converter, SlugList.Comparer).HasMaxLength(4000);
        b.Property(p => p.Categories).HasConversion(SlugList.Converter, SlugList.Comparer).HasMaxLength(4000);
        b.Property(p => p.Tiers).HasConversion(SlugList.Converter, SlugList.Comparer).HasMaxLength(4000);
        b.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
        // Every quote looks for the live automatic promotions.
        b.HasIndex(p => new { p.TenantId, p.Automatic });
    }
}

internal sealed class PromotionMemberUseMapping : IEntityTypeConfiguration<PromotionMemberUse>
{
    public void Configure(EntityTypeBuilder<PromotionMemberUse> b)
    {
        b.ToTable("member_uses", Schemas.Promotions);
        // The upsert's conflict target: one counter per member and promotion.
        b.HasKey(u => new { u.PromotionId, u.MemberId });
    }
}

internal sealed class PromotionRedemptionMapping : IEntityTypeConfiguration<PromotionRedemption>
{
    public void Configure(EntityTypeBuilder<PromotionRedemption> b)
    {
        b.ToTable("redemptions", Schemas.Promotions);
        b.HasKey(r => r.Id);
        // An order counts a promotion once, whoever retries.
        b.HasIndex(r => new { r.PromotionId, r.OrderId }).IsUnique();
        b.HasIndex(r => r.OrderId);
    }
}

internal static class SlugList
{
    public static readonly ValueConverter<List<string>, string> Converter = new(
        list => string.Join(',', list),
        text => text.Length == 0 ? new List<string>() : text.Split(',', StringSplitOptions.None).ToList());

    public static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());
}
