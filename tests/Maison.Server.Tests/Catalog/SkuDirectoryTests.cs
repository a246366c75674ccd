using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

public sealed class SkuDirectoryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task The_sku_directory_finds_the_tenants_skus_and_leaves_unknown_and_foreign_ones_out()
    {
        var mine = await _api.CreateTenantAsync();
        var theirs = await _api.CreateTenantAsync();
        using var staff = _api.As(mine.OwnerToken);
        await CatalogData.BrandAsync(staff, mine.Slug, "maison-aurel");
        await CatalogData.ProductAsync(staff, mine.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune Shoulder Bag", "AUR-LUNE-BLK", 125_000, status: "draft"));
        using var other = _api.As(theirs.OwnerToken);
        await CatalogData.BrandAsync(other, theirs.Slug, "vellani");
        await CatalogData.ProductAsync(other, theirs.Slug, CatalogData.Product("riva", "vellani", "Riva", "VEL-RIVA", 1_000));

        await using var scope = _api.Server.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(mine.Slug, default);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant!.Id, tenant.Slug);
        var found = await scope.ServiceProvider.GetRequiredService<ISkuDirectory>().FindAsync(["AUR-LUNE-BLK", "VEL-RIVA", "NOPE"], default);

        var sku = Assert.Single(found).Value;
        Assert.Equal(("lune-bag", "maison-aurel", "Lune Shoulder Bag", "black"), (sku.ProductSlug, sku.Brand, sku.Title, sku.Options["colour"]));
    }
}
