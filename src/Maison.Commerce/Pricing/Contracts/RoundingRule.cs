namespace Maison.Commerce.Pricing.Contracts;

/// <summary>How a market rounds a converted price.</summary>
public enum RoundingMode
{
    /// <summary>Up to the next multiple of the step (never below the converted amount): JPY to ¥1,000, EUR to whole euros.</summary>
    Up,
    /// <summary>To the nearest multiple of the step, halves away from zero.</summary>
    Nearest,
}

/// <summary>A market rounding rule: a mode and a step in minor units of the target currency (EUR "…,00/…,50" = Up, 50).</summary>
public sealed record RoundingRule(RoundingMode Mode, long StepMinor)
{
    /// <summary>Exact conversion to the nearest minor unit, no market rounding.</summary>
    public static readonly RoundingRule MinorUnit = new(RoundingMode.Nearest, 1);

    public RoundingRule Validate() =>
        StepMinor is >= 1 and <= 1_000_000_000
            ? this
            : throw Platform.DomainException.Validation("rounding.stepMinor", "stepMinor must be between 1 and 1,000,000,000.");

    /// <summary>Applies the rule to an exact amount in minor units (decimal only here, with explicit rounding).</summary>
    public long Apply(decimal exactMinor)
    {
        var steps = exactMinor / StepMinor;
        var rounded = Mode == RoundingMode.Up
            ? decimal.Ceiling(steps)
            : decimal.Round(steps, 0, MidpointRounding.AwayFromZero);
        return checked((long)rounded * StepMinor);
    }
}
