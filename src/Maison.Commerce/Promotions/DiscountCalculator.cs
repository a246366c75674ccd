using Maison.Commerce.Platform;

namespace Maison.Commerce.Promotions;

/// <summary>One promotion to apply: percentage in basis points or a fixed amount in minor units, over the lines it covers.</summary>
/// <param name="Value">Basis points (1250 = 12.5 %) for <see cref="PromotionKind.Percentage"/>; minor units for <see cref="PromotionKind.Fixed"/>.</param>
/// <param name="Covers">Per line, whether the promotion discounts it (brand/category scope); null covers every line.</param>
public sealed record DiscountStep(PromotionKind Kind, long Value, IReadOnlyList<bool>? Covers = null);

/// <summary>The split of a cart's discount: per line and per step, both summing to the same total.</summary>
public sealed record DiscountSplit(long[] PerLine, long[] PerStep)
{
    public long Total => PerLine.Sum();
}

/// <summary>
/// Combines promotions over cart lines in integer minor units (so JPY with exponent 0 and KWD with 3 need no special
/// case). Order: every percentage first, each computed on the covered lines' <em>original</em> subtotal (percentages
/// add up, they do not compound), then every fixed amount off what is left. Each step is capped at what is left of
/// its lines, so no line and no cart ever goes below zero. A percentage rounds half away from zero to the minor unit.
/// Each step's amount is split over its lines in proportion to what is left of them by largest remainder, so line
/// discounts sum exactly to the step, and no line's discount exceeds its subtotal.
/// </summary>
public static class DiscountCalculator
{
    public static DiscountSplit Apply(IReadOnlyList<long> lineSubtotals, IReadOnlyList<DiscountStep> steps)
    {
        ArgumentNullException.ThrowIfNull(lineSubtotals);
        ArgumentNullException.ThrowIfNull(steps);
        if (lineSubtotals.Any(s => s < 0)) throw new ArgumentException("Line subtotals must not be negative.", nameof(lineSubtotals));

        var left = lineSubtotals.ToArray();
        var perLine = new long[left.Length];
        var perStep = new long[steps.Count];
        var order = Enumerable.Range(0, steps.Count).OrderBy(i => steps[i].Kind == PromotionKind.Percentage ? 0 : 1).ThenBy(i => i);
        foreach (var s in order)
        {
            var step = steps[s];
            var covered = Enumerable.Range(0, left.Length).Where(i => step.Covers is null || (i < step.Covers.Count && step.Covers[i])).ToArray();
            var available = covered.Sum(i => left[i]);
            var wanted = step.Kind == PromotionKind.Percentage
                ? PercentOf(covered.Sum(i => lineSubtotals[i]), step.Value)
                : step.Value;
            var amount = Math.Clamp(wanted, 0, available);
            if (amount == 0) continue;

            var parts = Allocation.LargestRemainder(amount, covered.Select(i => left[i]).ToArray());
            for (var k = 0; k < covered.Length; k++)
            {
                left[covered[k]] -= parts[k];
                perLine[covered[k]] += parts[k];
            }
            perStep[s] = amount;
        }
        return new DiscountSplit(perLine, perStep);
    }

    /// <summary><paramref name="basisPoints"/> of <paramref name="amountMinor"/>, half away from zero, exact in 128-bit integers.</summary>
    public static long PercentOf(long amountMinor, long basisPoints)
    {
        var exact = (Int128)amountMinor * basisPoints;
        var (quotient, remainder) = Int128.DivRem(exact, Promotion.FullBasisPoints);
        if (remainder * 2 >= Promotion.FullBasisPoints) quotient++;
        return (long)quotient;
    }
}
