using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

/// <summary>Arranges catalogue data through the admin API.</summary>
public static class CatalogData
{
    public static async Task BrandAsync(HttpClient staff, string tenant, string slug, string? name = null) =>
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant}/admin/brands", new { slug, name = name ?? slug }), HttpStatusCode.Created);

    public static object Product(string slug, string brand, string title, string sku, long gbp, string status = "active",
        string? description = null, string[]? categories = null, object? options = null, long? jpy = null) =>
        new
        {
            slug, title, brand, description, status,
            categories = categories ?? new[] { "bags" },
            variants = new[]
            {
                new
                {
                    sku,
                    options = options ?? new { colour = "black" },
                    prices = jpy is null
                        ? new object[] { new { currency = "GBP", amountMinor = gbp } }
                        : new object[] { new { currency = "GBP", amountMinor = gbp }, new { currency = "JPY", amountMinor = jpy } },
                },
            },
        };

    public static async Task<JsonNode> ProductAsync(HttpClient staff, string tenant, object product) =>
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant}/admin/products", product), HttpStatusCode.Created);
}
