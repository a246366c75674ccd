using System.Reflection;
using NetArchTest.Rules;

namespace Maison.Commerce.Tests.Architecture;

/// <summary>
/// The modular-monolith rule: a module may use another module only through its <c>Contracts</c> namespace.
/// Shared kernels (Platform, Persistence) are open to all.
/// </summary>
public static class ModuleBoundaries
{
    public static IReadOnlyList<string> Violations(Assembly assembly, string root, params string[] sharedKernels)
    {
        var all = Types.InAssembly(assembly).That().ResideInNamespace(root).GetTypes().ToList();
        var modules = all
            .Select(t => t.Namespace!)
            .Where(ns => ns.Length > root.Length + 1)
            .Select(ns => ns[(root.Length + 1)..].Split('.')[0])
            .Distinct()
            .Where(m => !sharedKernels.Contains(m))
            .Order(StringComparer.Ordinal)
            .ToList();

        var violations = new List<string>();
        foreach (var module in modules)
        {
            foreach (var other in modules.Where(m => m != module))
            {
                var internals = all
                    .Where(t => InModule(t, root, other) && !t.Namespace!.StartsWith($"{root}.{other}.Contracts", StringComparison.Ordinal))
                    .Select(t => t.FullName!)
                    .Where(name => !name.Contains('<'))
                    .ToArray();
                if (internals.Length == 0) continue;

                var result = Types.InAssembly(assembly)
                    .That().ResideInNamespace($"{root}.{module}")
                    .ShouldNot().HaveDependencyOnAny(internals)
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    violations.AddRange(result.FailingTypeNames.Select(t => $"{t} uses internals of module {other}"));
                }
            }
        }
        return violations;
    }

    private static bool InModule(Type type, string root, string module) =>
        type.Namespace == $"{root}.{module}" || type.Namespace!.StartsWith($"{root}.{module}.", StringComparison.Ordinal);
}
