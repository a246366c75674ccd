using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Maison.Commerce.Platform.Http;

/// <summary>
/// Validates request records (DataAnnotations, recursively into nested records and lists) before a handler runs,
/// and answers 400 <c>validation_failed</c> with every error by JSON path. Applied to every route group.
/// </summary>
public static class ValidationFilter
{
    private const int MaxDepth = 8;

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService(typeof(Microsoft.Extensions.DependencyInjection.IServiceProviderIsService))
            as Microsoft.Extensions.DependencyInjection.IServiceProviderIsService;
        var validated = context.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i))
            .Where(x => IsRequestRecord(x.Parameter.ParameterType) && services?.IsService(x.Parameter.ParameterType) != true)
            .Select(x => x.Index)
            .ToArray();
        if (validated.Length == 0) return next;

        return async invocation =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var index in validated)
            {
                if (invocation.Arguments[index] is { } argument) Validate(argument, "", errors, 0);
            }
            if (errors.Count > 0)
            {
                throw new DomainException(ProblemCodes.ValidationFailed, "The request is not valid.", 400,
                    new Dictionary<string, object?> { ["errors"] = errors });
            }
            return await next(invocation);
        };
    }

    /// <summary>Validates an object graph; public so that module code can validate what it builds itself.</summary>
    public static void Validate(object instance, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > MaxDepth) return;
        foreach (var result in AttributeRules.Validate(instance))
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var key = Join(path, CamelCase(member));
                errors[key] = [.. errors.GetValueOrDefault(key, []), result.ErrorMessage ?? "is not valid"];
            }
        }

        foreach (var (property, name) in Members(instance.GetType()))
        {
            var value = property.GetValue(instance);
            if (value is null || value is string) continue;
            if (IsRequestRecord(value.GetType()))
            {
                Validate(value, Join(path, name), errors, depth + 1);
            }
            else if (value is IEnumerable items and not IDictionary)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        errors[$"{Join(path, name)}[{i}]"] = ["must not be null"];
                    }
                    else if (IsRequestRecord(item.GetType()))
                    {
                        Validate(item, $"{Join(path, name)}[{i}]", errors, depth + 1);
                    }
                    i++;
                }
            }
        }
    }

    // Reflected once per type (this runs on every request with a body); only members that can hold a record or a list.
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> MembersByType = new();

    private static (PropertyInfo Property, string Name)[] Members(Type type) =>
        MembersByType.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(string)
                        && (!p.PropertyType.IsValueType || typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
            .Select(p => (p, CamelCase(p.Name)))
            .ToArray());

    private static bool IsRequestRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Maison.", StringComparison.Ordinal) == true;

    private static string Join(string path, string member) =>
        string.IsNullOrEmpty(member) ? path : string.IsNullOrEmpty(path) ? member : $"{path}.{member}";

    private static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
