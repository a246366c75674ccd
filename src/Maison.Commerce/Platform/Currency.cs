using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Maison.Commerce.Platform;

/// <summary>An ISO 4217 currency with its minor-unit exponent (JPY 0, GBP 2, KWD 3).</summary>
public sealed record Currency
{
    private static readonly FrozenDictionary<string, Currency> Known = new Dictionary<string, Currency>
    {
        // Exponents from ISO 4217; the list covers the markets a luxury storefront sells in.
        ["AED"] = new("AED", 2), ["AUD"] = new("AUD", 2), ["BHD"] = new("BHD", 3), ["CAD"] = new("CAD", 2),
        ["CHF"] = new("CHF", 2), ["CNY"] = new("CNY", 2), ["CZK"] = new("CZK", 2), ["DKK"] = new("DKK", 2),
        ["EUR"] = new("EUR", 2), ["GBP"] = new("GBP", 2), ["HKD"] = new("HKD", 2), ["HUF"] = new("HUF", 2),
        ["ILS"] = new("ILS", 2), ["INR"] = new("INR", 2), ["JOD"] = new("JOD", 3), ["JPY"] = new("JPY", 0),
        ["KRW"] = new("KRW", 0), ["KWD"] = new("KWD", 3), ["MXN"] = new("MXN", 2), ["NOK"] = new("NOK", 2),
        ["NZD"] = new("NZD", 2), ["OMR"] = new("OMR", 3), ["PLN"] = new("PLN", 2), ["QAR"] = new("QAR", 2),
        ["SAR"] = new("SAR", 2), ["SEK"] = new("SEK", 2), ["SGD"] = new("SGD", 2), ["TND"] = new("TND", 3),
        ["TWD"] = new("TWD", 2), ["USD"] = new("USD", 2), ["ZAR"] = new("ZAR", 2), ["BRL"] = new("BRL", 2),
        ["CLP"] = new("CLP", 0), ["ISK"] = new("ISK", 0), ["VND"] = new("VND", 0), ["IQD"] = new("IQD", 3),
        ["LYD"] = new("LYD", 3),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
    }

    /// <summary>The three-letter ISO code, upper case.</summary>
    public string Code { get; }

    /// <summary>How many decimal places a minor unit has.</summary>
    public int Exponent { get; }

    /// <summary>How many minor units make one major unit (10^exponent).</summary>
    public long MinorPerMajor => Exponent switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, Exponent) };

    public static IEnumerable<Currency> All => Known.Values;

    public static Currency GBP => Known["GBP"];
    public static Currency EUR => Known["EUR"];
    public static Currency USD => Known["USD"];
    public static Currency JPY => Known["JPY"];
    public static Currency KWD => Known["KWD"];

    public static bool TryFrom(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is { Length: 3 } && Known.TryGetValue(code, out currency);
    }

    /// <summary>The currency for a code, or a 400 <c>unknown_currency</c>.</summary>
    public static Currency From(string? code) =>
        TryFrom(code, out var currency)
            ? currency
            : throw new DomainException(ProblemCodes.UnknownCurrency, $"'{code}' is not a supported ISO 4217 currency code.", 400);

    public override string ToString() => Code;
}
