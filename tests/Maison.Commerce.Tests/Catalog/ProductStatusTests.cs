using Maison.Commerce.Catalog;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Catalog;

public sealed class ProductStatusTests
{
    private static Product New() => new(Guid.NewGuid(), "lune-bag", "Lune", Guid.NewGuid(), null, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(ProductStatus.Draft, ProductStatus.Active)]
    [InlineData(ProductStatus.Draft, ProductStatus.Archived)]
    [InlineData(ProductStatus.Active, ProductStatus.Draft)]
    [InlineData(ProductStatus.Active, ProductStatus.Archived)]
    [InlineData(ProductStatus.Archived, ProductStatus.Active)]
    public void Legal_moves_change_the_status(ProductStatus from, ProductStatus to)
    {
        var product = New();
        if (from == ProductStatus.Archived) product.ChangeStatus(ProductStatus.Archived);
        else product.ChangeStatus(from);
        product.ChangeStatus(to);
        Assert.Equal(to, product.Status);
    }

    [Fact]
    public void An_archived_product_never_returns_to_draft()
    {
        var product = New();
        product.ChangeStatus(ProductStatus.Archived);
        var error = Assert.Throws<DomainException>(() => product.ChangeStatus(ProductStatus.Draft));
        Assert.Equal(ProblemCodes.InvalidTransition, error.Code);
        Assert.Equal(409, error.Status);
        Assert.Equal(ProductStatus.Archived, product.Status);
    }

    [Fact]
    public void The_search_text_holds_title_brand_description_categories_and_option_values()
    {
        var product = New();
        product.Edit("Lune Shoulder Bag", "Calf leather.", DateTimeOffset.UnixEpoch);
        product.Categorise(["bags"]);
        product.Index("Maison Aurel", [new Variant(product.TenantId, product.Id, "AUR-1", new Dictionary<string, string> { ["Colour"] = "black" }, 0)]);
        Assert.Equal("Lune Shoulder Bag Maison Aurel Calf leather. bags black", product.SearchText);
    }
}
