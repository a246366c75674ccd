using System.Net;
using System.Net.Http.Json;
using Maison.Commerce.Platform;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Promotions;

public sealed class PromotionAdminTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Staff_create_a_percentage_code_and_read_it_back_in_upper_case()
    {
        var tenant = await _api.CreateTenantAsync();
        using var promotions = new PromotionsClient(_api, tenant);

        var created = await promotions.CreateAsync(new
        {
            code = "spring-12",
            kind = "percentage",
            percentOff = 12.5m,
            minSubtotal = new { currency = "GBP", amountMinor = 10_000 },
            usageLimit = 100,
            perMemberLimit = 1,
            startsAt = DateTimeOffset.UtcNow.AddDays(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(7),
        });

        Assert.Equal("SPRING-12", created["code"]!.GetValue<string>());
        Assert.Equal("percentage", created["kind"]!.GetValue<string>());
        Assert.Equal(12.5m, created["percentOff"]!.GetValue<decimal>());
        var read = await promotions.GetAsync("spring-12");
        Assert.Equal(created["id"]!.GetValue<Guid>(), read["id"]!.GetValue<Guid>());
        Assert.Equal(0, read["uses"]!.GetValue<int>());
        Assert.Equal(10_000, read["minSubtotal"]!["amountMinor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Promotions_are_listed_by_code_a_page_at_a_time()
    {
        var tenant = await _api.CreateTenantAsync();
        using var promotions = new PromotionsClient(_api, tenant);
        foreach (var code in new[] { "CCC", "AAA", "BBB" })
        {
            await promotions.CreateAsync(new { code, kind = "fixed", amountOff = new { currency = "GBP", amountMinor = 500 } });
        }
        await promotions.CreateAsync(new { code = "AUTO-BAGS", kind = "percentage", percentOff = 10, automatic = true, categories = new[] { "bags" } });

        var first = await Expect.Status(await promotions.Staff.GetAsync($"{promotions.Admin}/promotions?limit=2"), HttpStatusCode.OK);
        var second = await Expect.Status(await promotions.Staff.GetAsync(
            $"{promotions.Admin}/promotions?limit=2&after={first["nextCursor"]!.GetValue<string>()}"), HttpStatusCode.OK);

        Assert.Equal(["AAA", "AUTO-BAGS"], first["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));
        Assert.Equal(["BBB", "CCC"], second["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));
        Assert.True(second["items"]![0]!["automatic"]!.GetValue<bool>() == false);
        Assert.Equal(["bags"], first["items"]![1]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    public static TheoryData<string, string> InvalidPromotions => new()
    {
        { """{ "code": "NOPCT", "kind": "percentage" }""", "percentOff" },
        { """{ "code": "NOAMT", "kind": "fixed" }""", "amountOff" },
        { """{ "code": "BOTH", "kind": "fixed", "percentOff": 10, "amountOff": { "currency": "GBP", "amountMinor": 100 } }""", "percentOff" },
        { """{ "code": "TOOMUCH", "kind": "percentage", "percentOff": 150 }""", "percentOff" },
        { """{ "code": "THIRDS", "kind": "percentage", "percentOff": 33.333 }""", "percentOff" },
        { """{ "code": "ZERO", "kind": "fixed", "amountOff": { "currency": "GBP", "amountMinor": 0 } }""", "amountOff.amountMinor" },
        { """{ "code": "x", "kind": "percentage", "percentOff": 10 }""", "code" },
        { """{ "code": "has space", "kind": "percentage", "percentOff": 10 }""", "code" },
        { """{ "code": "NOKIND", "percentOff": 10 }""", "kind" },
        { """{ "code": "LIMIT0", "kind": "percentage", "percentOff": 10, "usageLimit": 0 }""", "usageLimit" },
        { """{ "code": "MEMBER0", "kind": "percentage", "percentOff": 10, "perMemberLimit": 0 }""", "perMemberLimit" },
        { """{ "code": "BACKWARDS", "kind": "percentage", "percentOff": 10, "startsAt": "2030-01-02T00:00:00Z", "endsAt": "2030-01-01T00:00:00Z" }""", "endsAt" },
        { """{ "code": "BADBRAND", "kind": "percentage", "percentOff": 10, "automatic": true, "brands": ["Not A Slug"] }""", "brands" },
    };

    [Theory]
    [MemberData(nameof(InvalidPromotions))]
    public async Task An_invalid_promotion_is_a_400_naming_the_field(string body, string field)
    {
        var tenant = await _api.CreateTenantAsync();
        using var promotions = new PromotionsClient(_api, tenant);

        var problem = await Expect.Problem(await promotions.Staff.PostAsync($"{promotions.Admin}/promotions", Api.Json(body)),
            HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);

        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_fixed_amount_in_an_unknown_currency_is_a_400()
    {
        var tenant = await _api.CreateTenantAsync();
        using var promotions = new PromotionsClient(_api, tenant);

        await Expect.Problem(await promotions.PostPromotionAsync(new { code = "XXX-OFF", kind = "fixed", amountOff = new { currency = "XXX", amountMinor = 100 } }),
            HttpStatusCode.BadRequest, ProblemCodes.UnknownCurrency);
    }

    [Fact]
    public async Task A_code_taken_in_any_case_is_a_409()
    {
        var tenant = await _api.CreateTenantAsync();
        using var promotions = new PromotionsClient(_api, tenant);
        await promotions.CreateAsync(new { code = "WELCOME", kind = "percentage", percentOff = 10 });

        await Expect.Problem(await promotions.PostPromotionAsync(new { code = "welcome", kind = "percentage", percentOff = 5 }),
            HttpStatusCode.Conflict, ProblemCodes.CodeTaken);
    }

    [Fact]
    public async Task Staff_without_the_promotions_permission_cannot_create_or_list_promotions()
    {
        var tenant = await _api.CreateTenantAsync();
        using var fulfilment = _api.As(await _api.StaffTokenAsync(tenant, "fulfillment"));

        await Expect.Status(await fulfilment.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/promotions", new { code = "NOPE", kind = "percentage", percentOff = 10 }),
            HttpStatusCode.Forbidden);
        await Expect.Status(await fulfilment.GetAsync($"/api/v1/{tenant.Slug}/admin/promotions"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_promotion_is_a_404()
    {
        var tenant = await _api.CreateTenantAsync();
        using var promotions = new PromotionsClient(_api, tenant);

        await Expect.Problem(await promotions.Staff.GetAsync($"{promotions.Admin}/promotions/NOSUCH"), HttpStatusCode.NotFound, ProblemCodes.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_automatic_promotions_and_shipping_methods()
    {
        using var client = _api.Anonymous();
        var document = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/{tenant}/admin/promotions", paths);
        Assert.Contains("/api/v1/{tenant}/admin/shipping-methods", paths);
        var request = document["components"]!["schemas"]!["CreatePromotionRequest"]!["properties"]!;
        Assert.Contains("without a code", request["automatic"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Brand slugs", request["brands"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
