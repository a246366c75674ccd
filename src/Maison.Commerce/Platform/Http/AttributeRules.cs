using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Maison.Commerce.Platform.Http;

/// <summary>
/// What <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/> with
/// <c>validateAllProperties</c> answers for a request record, from attributes read once per type. The validator itself
/// looks every property and attribute up through <c>TypeDescriptor</c> on each call, which cost more than the JSON
/// reading of the body on the reservation route. Same rules, same messages: per property <see cref="RequiredAttribute"/>
/// first (a missing value skips that property's other attributes), then every other attribute; class-level attributes
/// and <see cref="IValidatableObject"/> only when the properties are valid. Types with class-level attributes or
/// <see cref="IValidatableObject"/> go to the validator itself, which is rare enough not to matter.
/// </summary>
internal static class AttributeRules
{
    private sealed record Rule(PropertyInfo Property, RequiredAttribute? Required, ValidationAttribute[] Others);

    private sealed record TypeRules(Rule[] Rules, bool Delegate);

    private static readonly ConcurrentDictionary<Type, TypeRules> ByType = new();

    public static List<ValidationResult> Validate(object instance)
    {
        var results = new List<ValidationResult>();
        var rules = ByType.GetOrAdd(instance.GetType(), Build);
        if (rules.Delegate)
        {
            Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
            return results;
        }
        if (rules.Rules.Length == 0) return results;

        var context = new ValidationContext(instance);
        foreach (var rule in rules.Rules)
        {
            var value = rule.Property.GetValue(instance);
            context.MemberName = rule.Property.Name;
            context.DisplayName = rule.Property.Name;
            if (rule.Required is { } required && required.GetValidationResult(value, context) is { } missing)
            {
                results.Add(missing);
                continue;
            }
            foreach (var attribute in rule.Others)
            {
                if (attribute.GetValidationResult(value, context) is { } failed) results.Add(failed);
            }
        }
        return results;
    }

    private static TypeRules Build(Type type)
    {
        if (typeof(IValidatableObject).IsAssignableFrom(type) || type.GetCustomAttributes<ValidationAttribute>(inherit: true).Any()
            || type.GetCustomAttribute<MetadataTypeAttribute>() is not null)
        {
            return new TypeRules([], Delegate: true);
        }
        var rules = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .Where(x => x.Attributes.Length > 0)
            .Select(x => new Rule(x.Property, x.Attributes.OfType<RequiredAttribute>().FirstOrDefault(),
                x.Attributes.Where(a => a is not RequiredAttribute).ToArray()))
            .ToArray();
        return new TypeRules(rules, Delegate: false);
    }
}
