using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Pricing.Contracts;

namespace Maison.Commerce.Pricing;

public sealed record SetFxRateRequest([property: Required, Range(typeof(decimal), "0.00000001", "1000000")] decimal? Rate);

public sealed record FxRateResponse(string From, string To, decimal Rate, DateTimeOffset SetAt)
{
    internal static FxRateResponse Of(FxRate r) => new(r.From.Code, r.To.Code, r.Rate, r.SetAt);
}

public sealed record RoundingRequest(
    [property: Required] RoundingMode? Mode,
    [property: Required, Range(1, 1_000_000_000)] long? StepMinor);

public sealed record ConfigurePriceListRequest(
    [property: StringLength(3, MinimumLength = 3)] string? BaseCurrency,
    RoundingRequest? Rounding);

public sealed record PriceListResponse(
    string Currency, string? BaseCurrency, RoundingMode RoundingMode, long RoundingStepMinor, PriceListStatus Status,
    DateTimeOffset? PublishedAt, decimal? PublishedRate, int? Derived = null)
{
    internal static PriceListResponse From(PriceList l, int? derived = null) =>
        new(l.Currency.Code, l.BaseCurrency?.Code, l.RoundingMode, l.RoundingStepMinor, l.Status, l.PublishedAt, l.PublishedRate, derived);
}

public sealed record SetTaxRateRequest(
    [property: Required, Range(0, 10_000)] int? RateBasisPoints,
    [property: Required] bool? TaxInclusive);

public sealed record TaxRateResponse(string Country, int RateBasisPoints, bool TaxInclusive)
{
    internal static TaxRateResponse From(TaxRate r) => new(r.Country, r.RateBasisPoints, r.TaxInclusive);
}
