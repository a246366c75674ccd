namespace Maison.Commerce.Inventory;

/// <summary>What a location can give of one SKU right now (a snapshot: the conditional update has the last word).</summary>
public sealed record Candidate(Guid LevelId, string Sku, Guid LocationId, string LocationCode, int Available);

/// <summary>Units of one SKU to take from one level.</summary>
public sealed record Allocation(string Sku, Guid LevelId, Guid LocationId, string LocationCode, int Quantity);

/// <summary>The outcome of <see cref="Allocator.Allocate"/>: allocations, or the SKUs that cannot be covered.</summary>
public sealed record AllocationPlan(IReadOnlyList<Allocation> Allocations, IReadOnlyList<string> ShortSkus)
{
    public bool Succeeded => ShortSkus.Count == 0;
}

/// <summary>
/// Chooses where each line's units come from, deterministically: the first location (by code, ordinal) that can ship
/// every line; otherwise greedily the location that covers the most remaining lines whole (ties: more units, then
/// code), which keeps the number of locations (parcels) small; a line that no single location covers is split over
/// the locations with the most units first. Greedy set cover is not always optimal, but it is stable and cheap.
/// </summary>
public static class Allocator
{
    public static AllocationPlan Allocate(IReadOnlyDictionary<string, int> lines, IReadOnlyList<Candidate> candidates)
    {
        var usable = candidates.Where(c => c.Available > 0 && lines.ContainsKey(c.Sku)).ToList();
        var shorts = lines.Where(l => usable.Where(c => c.Sku == l.Key).Sum(c => (long)c.Available) < l.Value)
            .Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
        if (shorts.Count > 0) return new AllocationPlan([], shorts);

        var byLocation = usable.GroupBy(c => c.LocationCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToDictionary(c => c.Sku, StringComparer.Ordinal))
            .ToList();

        var whole = byLocation.FirstOrDefault(at => lines.All(l => at.TryGetValue(l.Key, out var c) && c.Available >= l.Value));
        if (whole is not null) return new AllocationPlan(lines.Select(l => Take(whole[l.Key], l.Value)).ToList(), []);

        var result = new List<Allocation>();
        var remaining = new Dictionary<string, int>(lines, StringComparer.Ordinal);
        var open = byLocation.ToList();
        while (open.Count > 0)
        {
            var best = open
                .Select(at => (at, covers: remaining.Where(l => at.TryGetValue(l.Key, out var c) && c.Available >= l.Value).ToList()))
                .Where(x => x.covers.Count > 0)
                .OrderByDescending(x => x.covers.Count)
                .ThenByDescending(x => x.covers.Sum(l => l.Value))
                .Select(x => x)
                .FirstOrDefault();
            if (best.covers is null) break;
            foreach (var line in best.covers)
            {
                result.Add(Take(best.at[line.Key], line.Value));
                remaining.Remove(line.Key);
            }
            open.Remove(best.at);
        }

        // Lines no single location can cover: split, the fullest locations first.
        foreach (var (sku, quantity) in remaining.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var left = quantity;
            foreach (var c in usable.Where(c => c.Sku == sku).OrderByDescending(c => c.Available).ThenBy(c => c.LocationCode, StringComparer.Ordinal))
            {
                if (left == 0) break;
                var take = Math.Min(left, c.Available);
                result.Add(Take(c, take));
                left -= take;
            }
        }
        return new AllocationPlan(result, []);
    }

    private static Allocation Take(Candidate c, int quantity) => new(c.Sku, c.LevelId, c.LocationId, c.LocationCode, quantity);
}
