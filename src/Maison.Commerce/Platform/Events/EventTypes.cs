using System.Collections.Concurrent;
using System.Text.Json;

namespace Maison.Commerce.Platform.Events;

/// <summary>Turns an outbox row's CLR type name and payload back into the event it was written from.</summary>
public static class EventTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Cache = new(StringComparer.Ordinal);

    public static Type? Resolve(string clrType) => Cache.GetOrAdd(clrType, static name =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic)
            .Select(a => a.GetType(name, throwOnError: false))
            .FirstOrDefault(t => t is not null && typeof(IntegrationEvent).IsAssignableFrom(t)));

    public static IntegrationEvent Deserialize(string clrType, string payload)
    {
        var type = Resolve(clrType) ?? throw new InvalidOperationException($"Unknown event type '{clrType}'.");
        return (IntegrationEvent)(JsonSerializer.Deserialize(payload, type, Outbox.Json)
            ?? throw new InvalidOperationException($"The payload of a {clrType} is empty."));
    }

    /// <summary>Whether a handler declared for <paramref name="handled"/> receives events of <paramref name="actual"/>.</summary>
    public static bool Handles(Type handled, Type actual) => handled.IsAssignableFrom(actual);

    /// <summary>The broker routing keys a handler listens to: its event's wire name, or every event for a base type.</summary>
    public static string RoutingKey(Type handled) =>
        handled.IsAbstract ? "#" : EventTypeAttribute.NameOf(handled);
}
