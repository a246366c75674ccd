using Maison.Commerce.Persistence;

namespace Maison.Commerce.Tests.Architecture;

public sealed class ModuleBoundaryTests
{
    [Fact]
    public void Modules_use_each_other_only_through_their_contracts()
    {
        var violations = ModuleBoundaries.Violations(typeof(CommerceDb).Assembly, "Maison.Commerce", "Platform", "Persistence");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_rule_catches_a_module_that_reaches_into_another_and_spares_one_that_uses_contracts()
    {
        // Proves the rule can fail: the fixture below breaks it once on purpose.
        var violations = ModuleBoundaries.Violations(typeof(ModuleBoundaryTests).Assembly, "ArchFixture");
        Assert.Contains(violations, v => v.StartsWith("ArchFixture.Alpha.Leaky ", StringComparison.Ordinal) && v.EndsWith("module Beta", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith("ArchFixture.Alpha.Polite", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith("ArchFixture.Beta", StringComparison.Ordinal));
    }

    [Fact]
    public void The_production_assembly_has_several_modules_to_check()
    {
        var namespaces = typeof(CommerceDb).Assembly.GetTypes().Select(t => t.Namespace).Distinct().ToList();
        Assert.Contains("Maison.Commerce.Tenancy", namespaces);
        Assert.Contains("Maison.Commerce.Tenancy.Contracts", namespaces);
        Assert.Contains("Maison.Commerce.Integrations", namespaces);
    }
}
