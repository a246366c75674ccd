using System.Text.Json;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Catalog;

internal sealed class BrandMapping : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> b)
    {
        b.ToTable("brands", Schemas.Catalog);
        b.HasKey(x => x.Id);
        b.Property(x => x.Slug).HasMaxLength(63);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique();
    }
}

internal sealed class CategoryMapping : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("categories", Schemas.Catalog);
        b.HasKey(x => x.Id);
        b.Property(x => x.Slug).HasMaxLength(63);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique();
    }
}

internal sealed class ProductMapping : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products", Schemas.Catalog);
        b.HasKey(x => x.Id);
        b.Property(x => x.Slug).HasMaxLength(63);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.SearchText).HasMaxLength(8000);
        b.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.Status });
        b.Property(x => x.Categories).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>()).HasMaxLength(4000);
        b.Property(x => x.Media).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>()).HasMaxLength(8000);
    }
}

internal sealed class VariantMapping : IEntityTypeConfiguration<Variant>
{
    public void Configure(EntityTypeBuilder<Variant> b)
    {
        b.ToTable("variants", Schemas.Catalog);
        b.HasKey(x => x.Id);
        b.Property(x => x.Sku).HasMaxLength(64);
        b.HasIndex(x => new { x.TenantId, x.Sku }).IsUnique();
        b.HasIndex(x => x.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Options).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>()).HasMaxLength(2000);
        b.Property(x => x.Size).HasMaxLength(40);
        b.Property(x => x.Colour).HasMaxLength(60);
    }
}

internal sealed class CollectionMapping : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> b)
    {
        b.ToTable("collections", Schemas.Catalog);
        b.HasKey(x => x.Id);
        b.Property(x => x.Slug).HasMaxLength(63);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique();
        b.Property(x => x.AvailableFrom)
            .HasConversion(JsonColumn.Converter<Dictionary<string, DateTimeOffset>>(), JsonColumn.Comparer<Dictionary<string, DateTimeOffset>>()).HasMaxLength(2000);
        b.Property(x => x.Products).HasConversion(JsonColumn.Converter<List<Guid>>(), JsonColumn.Comparer<List<Guid>>()).HasMaxLength(40000);
        b.Ignore(x => x.IsDrop);
    }
}

/// <summary>Small value objects stored as JSON text, identically on both engines.</summary>
internal static class JsonColumn
{
    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default), s => Read<T>(s));

    /// <summary>A value as the converter reads it (plain SQL reads use it too).</summary>
    public static T Read<T>(string text) where T : new() => JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Default) ?? new T();

    public static ValueComparer<T> Comparer<T>() where T : new() =>
        new((a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!);
}
