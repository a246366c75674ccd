using System.Collections.Concurrent;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// Something that happened, named in the past tense (<c>OrderConfirmed</c>), published through the outbox in the same
/// transaction as the change it describes and delivered at least once.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The wire name used by webhooks and the broker (<c>order.confirmed</c>), from <see cref="EventTypeAttribute"/>.</summary>
    public string Type => EventTypeAttribute.NameOf(GetType());
}

/// <summary>Names an event on the wire: <c>[EventType("order.confirmed")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    // Read once per type: every event published and every message delivered asks, and reflection showed in the checkout's profile.
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string NameOf(Type type) => Names.GetOrAdd(type, static t =>
        (t.GetCustomAttributes(typeof(EventTypeAttribute), inherit: false).FirstOrDefault() as EventTypeAttribute)?.Name
        ?? throw new InvalidOperationException($"{t.Name} needs an [EventType] name."));
}

/// <summary>Handles one event type. Delivery is at least once: handlers run behind the inbox, once per message id.</summary>
public interface IEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken ct);
}

/// <summary>
/// Marks a handler whose effect is the same however often it runs (a cache invalidation that touches no table): it runs
/// without the inbox row and its transaction, and a redelivery simply runs it again (ADR 0013). A handler that writes
/// rows or sends anything to the outside world must not carry it.
/// </summary>
public interface IRepeatableEventHandler;

/// <summary>
/// A handler that can tell from a read, before the inbox row and its transaction, that a message asks nothing of it
/// (the webhook dispatcher when no subscription of the tenant wants the event). The answer "nothing to do" is final for
/// that delivery and writes nothing, so it needs no inbox row; "something to do" takes the usual path behind the inbox,
/// where the handler decides again inside the transaction (ADR 0015).
/// </summary>
public interface ISelectiveEventHandler
{
    Task<bool> WantsAsync(IntegrationEvent @event, CancellationToken ct);
}
