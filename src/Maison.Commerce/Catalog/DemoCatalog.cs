using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Catalog;

/// <summary>
/// The embedded run's demo catalogue: a few hundred products over five brands and categories with sizes and
/// colours, GBP prices, and EUR/USD/JPY derived through published price lists. Deterministic, generated in code.
/// </summary>
public static class DemoCatalog
{
    private static readonly (string Slug, string Name)[] Brands =
        [("maison-aurel", "Maison Aurel"), ("vellani", "Vellani"), ("northvale", "Northvale"), ("casa-orsini", "Casa Orsini"), ("atelier-noor", "Atelier Noor")];

    private static readonly (string Category, string[] Nouns, string[]? Sizes, long BaseGbp)[] Lines =
    [
        ("bags", ["Shoulder Bag", "Tote", "Clutch", "Bucket Bag", "Crossbody"], null, 120_000),
        ("shoes", ["Loafer", "Ankle Boot", "Pump", "Sneaker", "Mule"], ["38", "39", "40", "41", "42"], 65_000),
        ("ready-to-wear", ["Trench Coat", "Cashmere Jumper", "Silk Shirt", "Tailored Blazer", "Wool Trousers"], ["XS", "S", "M", "L"], 90_000),
        ("accessories", ["Silk Scarf", "Leather Belt", "Card Holder", "Sunglasses", "Gloves"], null, 30_000),
        ("jewellery", ["Signet Ring", "Cuff", "Pendant", "Hoop Earrings", "Chain Bracelet"], null, 150_000),
    ];

    private static readonly string[] Names = ["Lune", "Riva", "Soleil", "Alba", "Nara", "Vela", "Oro", "Sera", "Mira", "Tessa", "Cora", "Iris"];

    private static readonly string[] Colours = ["black", "ivory", "cognac", "navy", "bordeaux"];

    public static async Task SeedAsync(IServiceProvider services, Guid tenantId, string tenantSlug, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, tenantSlug);
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        if (await db.Set<Brand>().AnyAsync(ct)) return;
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogAdministration>();
        var priceLists = scope.ServiceProvider.GetRequiredService<IPriceLists>();

        foreach (var (slug, name) in Brands) await catalog.CreateBrandAsync(slug, name, ct);
        var n = 0;
        foreach (var (brandSlug, brandName) in Brands)
        {
            foreach (var (category, nouns, sizes, baseGbp) in Lines)
            {
                foreach (var noun in nouns)
                {
                    // Two to three products per brand × noun: 5 brands × 25 nouns × 2.4 ≈ 300 products.
                    for (var k = 0; k < 2 + (n % 5 == 0 ? 1 : 0); k++)
                    {
                        n++;
                        var model = Names[(n * 7 + k) % Names.Length];
                        var colour = Colours[n % Colours.Length];
                        var title = $"{model} {noun}";
                        var slug = Slugify($"{brandSlug}-{model}-{noun}-{k}");
                        var skuStem = $"{brandSlug[..3].ToUpperInvariant()}-{n:D4}";
                        var gbp = baseGbp + (n * 3_700 % 80_000) / 1_000 * 1_000;
                        var variants = (sizes ?? [null!]).Select(size => new VariantRequest(
                            size is null ? $"{skuStem}-{colour[..3].ToUpperInvariant()}" : $"{skuStem}-{size}",
                            size is null ? new() { ["colour"] = colour } : new() { ["colour"] = colour, ["size"] = size },
                            [new PriceRequest("GBP", gbp, n % 4 == 0 ? gbp * 3 / 2 : null)])).ToList();
                        await catalog.CreateProductAsync(new CreateProductRequest(slug, title, brandSlug,
                            $"{title} by {brandName}, in {colour}. Made in small runs for members.", [category],
                            [$"https://media.maison.test/{slug}/1.jpg", $"https://media.maison.test/{slug}/2.jpg"],
                            n % 23 == 0 ? ProductStatus.Draft : ProductStatus.Active, variants), ct);
                    }
                }
            }
        }

        foreach (var (currency, rate, step) in new[] { ("EUR", 1.17m, 100L), ("USD", 1.27m, 500L), ("JPY", 191.5m, 1000L) })
        {
            await priceLists.DeriveAndPublishAsync(Currency.From(currency), Currency.GBP, rate, new RoundingRule(RoundingMode.Up, step), ct);
        }
    }

    private static string Slugify(string text) =>
        string.Concat(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Replace("--", "-").Trim('-');
}
