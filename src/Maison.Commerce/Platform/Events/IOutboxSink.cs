using Maison.Commerce.Platform.Jobs;

namespace Maison.Commerce.Platform.Events;

/// <summary>Where the relay hands a claimed message: straight to the handlers, or to the broker.</summary>
public interface IOutboxSink
{
    /// <summary>Delivers the message; throws to have the relay retry it later.</summary>
    Task DeliverAsync(EventEnvelope message, CancellationToken ct);
}

/// <summary>The embedded bus: every handler of the message's type runs here, each behind the inbox.</summary>
internal sealed class InProcessSink(IEnumerable<EventHandlerRegistration> registrations, HandlerInvoker invoker) : IOutboxSink
{
    private readonly EventHandlerRegistration[] _registrations = registrations.ToArray();

    public async Task DeliverAsync(EventEnvelope message, CancellationToken ct)
    {
        var type = EventTypes.Resolve(message.ClrType) ?? throw new InvalidOperationException($"Unknown event type '{message.ClrType}'.");
        HandlerFailedException? failure = null;
        foreach (var registration in _registrations.Where(r => EventTypes.Handles(r.EventType, type)))
        {
            try
            {
                await invoker.InvokeAsync(registration, message, ct);
            }
            catch (HandlerFailedException ex)
            {
                // Let the other handlers apply it; the retry re-runs only the ones without an inbox row.
                failure ??= ex;
            }
        }
        if (failure is not null) throw failure;
    }
}
