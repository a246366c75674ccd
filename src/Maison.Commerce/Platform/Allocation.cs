namespace Maison.Commerce.Platform;

/// <summary>Splits an integer amount over weights so the parts sum exactly to it (largest-remainder method).</summary>
public static class Allocation
{
    /// <summary>
    /// Each part gets floor(amount × weight / Σweights); the units left over go one each to the parts with the
    /// largest remainders (ties to the earlier part), so parts are proportional and always sum to <paramref name="amount"/>.
    /// A negative amount is split as its absolute value, then negated. All weights zero splits evenly.
    /// </summary>
    public static long[] LargestRemainder(long amount, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            return amount == 0 ? [] : throw new ArgumentException("Cannot allocate a non-zero amount over no weights.", nameof(weights));
        }
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights must not be negative.", nameof(weights));
        if (amount < 0) return LargestRemainder(-amount, weights).Select(part => -part).ToArray();

        var effective = weights.All(w => w == 0) ? weights.Select(_ => 1L).ToArray() : weights.ToArray();
        Int128 total = 0;
        foreach (var w in effective) total += w;
        var parts = new long[effective.Length];
        var remainders = new (Int128 Remainder, int Index)[effective.Length];
        long allocated = 0;
        for (var i = 0; i < effective.Length; i++)
        {
            var exact = (Int128)amount * effective[i];
            parts[i] = (long)(exact / total);
            remainders[i] = (exact % total, i);
            allocated += parts[i];
        }

        var left = amount - allocated;
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)left))
        {
            parts[index]++;
        }
        return parts;
    }
}
