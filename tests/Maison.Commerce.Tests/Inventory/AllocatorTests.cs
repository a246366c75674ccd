using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Inventory;
using Maison.Commerce.Inventory.Contracts;

namespace Maison.Commerce.Tests.Inventory;

public sealed class AllocatorTests
{
    private static Candidate At(string location, string sku, int available) =>
        new(Guid.NewGuid(), sku, Guid.NewGuid(), location, available);

    private static Dictionary<string, int> Lines(params (string Sku, int Quantity)[] lines) => lines.ToDictionary(l => l.Sku, l => l.Quantity);

    [Fact]
    public void The_first_location_by_code_that_can_ship_everything_takes_the_whole_order()
    {
        var plan = Allocator.Allocate(Lines(("A", 1), ("B", 1)),
            [At("c", "A", 5), At("c", "B", 5), At("b", "A", 5), At("b", "B", 5), At("a", "A", 5)]);
        Assert.True(plan.Succeeded);
        Assert.All(plan.Allocations, a => Assert.Equal("b", a.LocationCode));
    }

    [Fact]
    public void Without_one_location_the_one_covering_most_lines_goes_first()
    {
        var plan = Allocator.Allocate(Lines(("A", 1), ("B", 1), ("C", 1)),
            [At("a", "A", 1), At("b", "B", 1), At("b", "C", 1), At("c", "A", 1)]);
        Assert.Equal([("A", "a"), ("B", "b"), ("C", "b")],
            plan.Allocations.Select(a => (a.Sku, a.LocationCode)).OrderBy(x => x.Sku).ToList());
    }

    [Fact]
    public void A_line_no_location_covers_is_split_fullest_first()
    {
        var plan = Allocator.Allocate(Lines(("A", 6)), [At("a", "A", 2), At("b", "A", 5)]);
        Assert.Equal([("b", 5), ("a", 1)], plan.Allocations.Select(a => (a.LocationCode, a.Quantity)).ToList());
    }

    [Fact]
    public void Short_skus_are_all_named_and_nothing_is_allocated()
    {
        var plan = Allocator.Allocate(Lines(("A", 2), ("B", 3), ("C", 1)), [At("a", "A", 2), At("a", "B", 2)]);
        Assert.False(plan.Succeeded);
        Assert.Equal(["B", "C"], plan.ShortSkus);
        Assert.Empty(plan.Allocations);
    }

    [Property]
    public Property An_allocation_covers_each_line_exactly_without_exceeding_any_location()
    {
        var gen = from counts in Gen.ArrayOf(Gen.Choose(0, 6), 9)
                  from wants in Gen.ArrayOf(Gen.Choose(0, 8), 3)
                  select (counts, wants);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var skus = new[] { "A", "B", "C" };
            var candidates = Enumerable.Range(0, 9).Select(i => At(((char)('a' + i / 3)).ToString(), skus[i % 3], x.counts[i])).ToList();
            var lines = skus.Zip(x.wants).Where(w => w.Second > 0).ToDictionary(w => w.First, w => w.Second);
            if (lines.Count == 0) return true;
            var plan = Allocator.Allocate(lines, candidates);
            var coverable = lines.All(l => candidates.Where(c => c.Sku == l.Key).Sum(c => c.Available) >= l.Value);
            if (plan.Succeeded != coverable) return false;
            if (!plan.Succeeded) return plan.Allocations.Count == 0;
            var exact = lines.All(l => plan.Allocations.Where(a => a.Sku == l.Key).Sum(a => a.Quantity) == l.Value);
            var within = plan.Allocations.GroupBy(a => a.LevelId)
                .All(g => g.Sum(a => a.Quantity) <= candidates.Single(c => c.LevelId == g.Key).Available && g.All(a => a.Quantity > 0));
            return exact && within;
        });
    }
}
