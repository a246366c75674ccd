using System.Net;
using Maison.Commerce.Platform;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Promotions;

public sealed class ShippingMethodTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private async Task<PromotionsClient> TenantAsync() => new(_api, await _api.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..12], "GBP", "EUR", "JPY"));

    [Fact]
    public async Task A_tenant_without_methods_ships_standard_free_in_each_of_its_currencies()
    {
        using var shipping = await TenantAsync();

        foreach (var currency in new[] { "GBP", "EUR", "JPY" })
        {
            Assert.Equal(Money.Of(0, currency), await shipping.ShippingAsync("standard", Money.Of(12_345, currency)));
        }
        var listed = await Expect.Status(await shipping.Staff.GetAsync($"{shipping.Admin}/shipping-methods"), HttpStatusCode.OK);
        var standard = Assert.Single(listed["items"]!.AsArray());
        Assert.Equal("standard", standard!["code"]!.GetValue<string>());
        Assert.Equal(["EUR", "GBP", "JPY"], standard["rates"]!.AsArray().Select(r => r!["currency"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task An_unknown_method_or_a_currency_the_tenant_does_not_sell_in_is_a_422()
    {
        using var shipping = await TenantAsync();

        foreach (var (method, subtotal) in new[] { ("express", Money.Of(100, "GBP")), ("standard", Money.Of(100, "USD")) })
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => shipping.ShippingAsync(method, subtotal));
            Assert.Equal(("unknown_shipping_method", 422), (error.Code, error.Status));
        }
    }

    [Fact]
    public async Task A_flat_rate_is_charged_below_its_threshold_and_is_free_from_it()
    {
        using var shipping = await TenantAsync();
        await Expect.Status(await shipping.PostShippingAsync(new
        {
            code = "express",
            name = "Express",
            rates = new object[]
            {
                new { currency = "GBP", amountMinor = 1_500, freeOverMinor = 50_000 },
                new { currency = "JPY", amountMinor = 2_000 },
            },
        }), HttpStatusCode.Created);

        Assert.Equal(Money.Of(1_500, "GBP"), await shipping.ShippingAsync("express", Money.Of(49_999, "GBP")));
        Assert.Equal(Money.Of(0, "GBP"), await shipping.ShippingAsync("express", Money.Of(50_000, "GBP")));
        Assert.Equal(Money.Of(2_000, "JPY"), await shipping.ShippingAsync("express", Money.Of(9_000_000, "JPY")));
        // Not offered in EUR; and with a method defined, the implicit free standard is gone.
        Assert.Equal("unknown_shipping_method", (await Assert.ThrowsAsync<DomainException>(() => shipping.ShippingAsync("express", Money.Of(1, "EUR")))).Code);
        Assert.Equal("unknown_shipping_method", (await Assert.ThrowsAsync<DomainException>(() => shipping.ShippingAsync("standard", Money.Of(1, "GBP")))).Code);
        var listed = await Expect.Status(await shipping.Staff.GetAsync($"{shipping.Admin}/shipping-methods"), HttpStatusCode.OK);
        Assert.Equal(["express"], listed["items"]!.AsArray().Select(m => m!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_method_code_taken_is_a_409()
    {
        using var shipping = await TenantAsync();
        var body = new { code = "standard", name = "Standard", rates = new[] { new { currency = "GBP", amountMinor = 0 } } };
        await Expect.Status(await shipping.PostShippingAsync(body), HttpStatusCode.Created);

        await Expect.Problem(await shipping.PostShippingAsync(body), HttpStatusCode.Conflict, ProblemCodes.CodeTaken);
    }

    public static TheoryData<string, string> InvalidMethods => new()
    {
        { """{ "code": "express", "name": "Express", "rates": [] }""", "rates" },
        { """{ "code": "express", "name": "Express" }""", "rates" },
        { """{ "code": "Express Now", "name": "Express", "rates": [ { "currency": "GBP", "amountMinor": 1 } ] }""", "code" },
        { """{ "code": "express", "name": "", "rates": [ { "currency": "GBP", "amountMinor": 1 } ] }""", "name" },
        { """{ "code": "express", "name": "Express", "rates": [ { "currency": "GBP", "amountMinor": -1 } ] }""", "rates[0].amountMinor" },
        { """{ "code": "express", "name": "Express", "rates": [ { "currency": "GBP", "amountMinor": 1 }, { "currency": "gbp", "amountMinor": 2 } ] }""", "rates" },
    };

    [Theory]
    [MemberData(nameof(InvalidMethods))]
    public async Task An_invalid_shipping_method_is_a_400_naming_the_field(string body, string field)
    {
        using var shipping = await TenantAsync();

        var problem = await Expect.Problem(await shipping.Staff.PostAsync($"{shipping.Admin}/shipping-methods", Api.Json(body)),
            HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);

        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key == field);
    }
}
