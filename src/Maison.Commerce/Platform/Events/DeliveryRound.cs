using System.Collections.Concurrent;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// The messages one relay claim delivers (ADR 0015). Every one of them was committed before the claim, and the round
/// starts after it, so a read made once during the round sees at least what each message's own read would have seen:
/// handlers may share such a read (<see cref="ShareAsync{T}"/>) instead of repeating it per message. Outside a relay
/// round (a broker consumer, a test invoking a handler) there is nothing to share and each caller reads for itself.
/// </summary>
public sealed class DeliveryRound
{
    private static readonly AsyncLocal<DeliveryRound?> CurrentRound = new();

    private readonly ConcurrentDictionary<(string, Guid), Lazy<Task<object>>> _reads = new();

    // A flow that captured the round and outlives it (work started during the round) must not keep its reads.
    private volatile bool _ended;

    /// <summary>The round the caller runs in, if any.</summary>
    public static DeliveryRound? Current => CurrentRound.Value;

    /// <summary>Starts a round on this async flow (the relay, after its claim); disposing it ends the round.</summary>
    public static IDisposable Begin()
    {
        var round = new DeliveryRound();
        CurrentRound.Value = round;
        return new End(round);
    }

    /// <summary>
    /// The read named <paramref name="what"/> for <paramref name="tenantId"/>, made once per round (by the first caller, on
    /// its own scope) or, outside a round, every time.
    /// </summary>
    public static async Task<T> ShareAsync<T>(string what, Guid tenantId, Func<Task<T>> read) where T : class
    {
        if (Current is not { _ended: false } round) return await read();
        var shared = round._reads.GetOrAdd((what, tenantId), _ => new Lazy<Task<object>>(async () => await read()));
        try
        {
            return (T)await shared.Value;
        }
        catch
        {
            // A failed read is not shared: the next caller tries again.
            round._reads.TryRemove(new KeyValuePair<(string, Guid), Lazy<Task<object>>>((what, tenantId), shared));
            throw;
        }
    }

    private sealed class End(DeliveryRound round) : IDisposable
    {
        public void Dispose()
        {
            round._ended = true;
            CurrentRound.Value = null;
        }
    }
}
