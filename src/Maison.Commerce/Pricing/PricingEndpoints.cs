using System.Text.RegularExpressions;
using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maison.Commerce.Pricing;

public static partial class PricingEndpoints
{
    public static void MapPricing(this MaisonRoutes routes)
    {
        var admin = routes.Admin.WithTags("Pricing");
        admin.MapPut("/fx-rates/{from}/{to}", SetFxRate).RequireAuthorization(Permissions.PricingWrite).WithName("SetFxRate")
            .WithSummary("Set the rate from one currency to another (units of 'to' per unit of 'from'); every change is kept, timestamped.");
        admin.MapGet("/fx-rates/{from}/{to}", GetFxRate).RequireAuthorization(Permissions.PricingWrite).WithName("GetFxRate");
        admin.MapPut("/price-lists/{currency}", ConfigurePriceList).RequireAuthorization(Permissions.PricingWrite).WithName("ConfigurePriceList")
            .WithSummary("Create or change a currency's price list: its base currency and market rounding rule.");
        admin.MapGet("/price-lists/{currency}", GetPriceList).RequireAuthorization(Permissions.PricingWrite).WithName("GetPriceList");
        admin.MapPost("/price-lists/{currency}/publish", PublishPriceList).RequireAuthorization(Permissions.PricingWrite).WithName("PublishPriceList")
            .WithSummary("Derive missing prices from the base currency with the current FX rate and freeze them.");
        admin.MapPut("/tax-rates/{country}", SetTaxRate).RequireAuthorization(Permissions.PricingWrite).WithName("SetTaxRate")
            .WithSummary("VAT of a market (ISO country code) and whether its prices are tax-inclusive.");
    }

    private static async Task<Ok<FxRateResponse>> SetFxRate(string from, string to, SetFxRateRequest request, PricingAdministration pricing,
        HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(FxRateResponse.Of(await pricing.SetFxRateAsync(Currency.From(from), Currency.From(to), request.Rate!.Value, http.Caller().AccountId, ct)));

    private static async Task<Results<Ok<FxRateResponse>, NotFound>> GetFxRate(string from, string to, PricingAdministration pricing, CancellationToken ct) =>
        await pricing.CurrentRateAsync(Currency.From(from), Currency.From(to), ct) is { } rate ? TypedResults.Ok(FxRateResponse.Of(rate)) : TypedResults.NotFound();

    private static async Task<Ok<PriceListResponse>> ConfigurePriceList(string currency, ConfigurePriceListRequest request, PricingAdministration pricing,
        HttpContext http, CancellationToken ct)
    {
        var rounding = request.Rounding is { } r ? new RoundingRule(r.Mode!.Value, r.StepMinor!.Value) : RoundingRule.MinorUnit;
        var baseCurrency = request.BaseCurrency is { } b ? Currency.From(b) : null;
        var list = await pricing.ConfigurePriceListAsync(Currency.From(currency), baseCurrency, rounding, http.Request.IfMatch(), ct);
        http.Response.SetETag(list.Version);
        return TypedResults.Ok(PriceListResponse.From(list));
    }

    private static async Task<Results<Ok<PriceListResponse>, NotFound>> GetPriceList(string currency, PricingAdministration pricing, HttpResponse response, CancellationToken ct)
    {
        var list = await pricing.FindPriceListAsync(Currency.From(currency), ct);
        if (list is null) return TypedResults.NotFound();
        response.SetETag(list.Version);
        return TypedResults.Ok(PriceListResponse.From(list));
    }

    private static async Task<Ok<PriceListResponse>> PublishPriceList(string currency, PricingAdministration pricing, HttpContext http, CancellationToken ct)
    {
        var (list, derived) = await pricing.PublishAsync(Currency.From(currency), http.Request.IfMatch(), ct);
        http.Response.SetETag(list.Version);
        return TypedResults.Ok(PriceListResponse.From(list, derived));
    }

    private static async Task<Ok<TaxRateResponse>> SetTaxRate(string country, SetTaxRateRequest request, PricingAdministration pricing, CancellationToken ct)
    {
        if (!CountryCode().IsMatch(country)) throw DomainException.Validation("country", "country must be an ISO 3166-1 alpha-2 code, e.g. GB.");
        return TypedResults.Ok(TaxRateResponse.From(await pricing.SetTaxRateAsync(country, request.RateBasisPoints!.Value, request.TaxInclusive!.Value, ct)));
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
