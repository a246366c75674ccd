namespace Maison.Commerce.Platform;

/// <summary>
/// An exact amount: integer minor units of one currency. Mixing currencies is an error, never a conversion.
/// </summary>
public readonly record struct Money(long AmountMinor, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0, currency);

    public static Money Of(long amountMinor, string currency) => new(amountMinor, Currency.From(currency));

    public bool IsZero => AmountMinor == 0;

    public bool IsNegative => AmountMinor < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.AmountMinor + Same(a, b).AmountMinor), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.AmountMinor - Same(a, b).AmountMinor), a.Currency);

    public static Money operator -(Money a) => new(checked(-a.AmountMinor), a.Currency);

    public static Money operator *(Money a, long factor) => new(checked(a.AmountMinor * factor), a.Currency);

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other) => AmountMinor.CompareTo(Same(this, other).AmountMinor);

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>Sums amounts of one currency; an empty sequence is zero in <paramref name="currency"/>.</summary>
    public static Money Sum(IEnumerable<Money> amounts, Currency currency) =>
        amounts.Aggregate(Zero(currency), (total, next) => total + next);

    /// <summary>Splits this amount over <paramref name="weights"/> so that the parts sum exactly to it.</summary>
    public Money[] Allocate(IReadOnlyList<long> weights)
    {
        var currency = Currency;
        return Allocation.LargestRemainder(AmountMinor, weights).Select(part => new Money(part, currency)).ToArray();
    }

    /// <summary>The amount in major units as text, with the currency's exponent (e.g. "1250.00 GBP").</summary>
    public override string ToString()
    {
        if (Currency is null) return AmountMinor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var major = (decimal)AmountMinor / Currency.MinorPerMajor;
        return major.ToString("F" + Currency.Exponent, System.Globalization.CultureInfo.InvariantCulture) + " " + Currency.Code;
    }

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency
            ? b
            : throw new DomainException(ProblemCodes.CurrencyMismatch, $"Cannot combine {a.Currency} with {b.Currency}.", 400);
}
