namespace Maison.Commerce.Platform.Events;

/// <summary>A message as it travels from the outbox to a handler, in process or through the broker.</summary>
public sealed record EventEnvelope(Guid Id, Guid TenantId, string Type, string ClrType, string Payload, DateTimeOffset OccurredAt)
{
    public static EventEnvelope From(OutboxMessage m) => new(m.Id, m.TenantId, m.Type, m.ClrType, m.Payload, m.OccurredAt);
}

/// <summary>A handler threw: the relay retries the message, and dead-letters it with this error after the limit.</summary>
public sealed class HandlerFailedException(string handler, Exception inner)
    : Exception($"{handler} failed: {inner.GetType().Name}: {inner.Message}", inner)
{
    public string Handler { get; } = handler;
}
