using System.Collections.Concurrent;

namespace Maison.Commerce.Payments.Sandbox;

/// <summary>One authorization held by the sandbox gateway.</summary>
public sealed class SandboxAuthorization
{
    public required string Id { get; init; }

    public required string IdempotencyKey { get; init; }

    public required string Token { get; init; }

    public required string Currency { get; init; }

    public required long Amount { get; init; }

    public string Status { get; set; } = "authorized";

    public long Captured { get; set; }

    public long Refunded { get; set; }
}

/// <summary>A stored answer: replayed for the same idempotency key. <see cref="Lost"/>: the sandbox drops the connection.</summary>
public sealed record SandboxResponse(int Status, object Body, bool Lost = false);

/// <summary>
/// The sandbox's books, in memory. A fake of a third party, so a C# lock per authorization is fine here; what it
/// guarantees is what Stripe does: one effect per idempotency key.
/// </summary>
public sealed class SandboxLedger
{
    private readonly ConcurrentDictionary<string, Lazy<SandboxResponse>> _byKey = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, SandboxAuthorization> Authorizations { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="operation"/> once per key; later calls with the key get the stored response.
    /// Responses of 5xx are not stored, so a retry runs again (as with Stripe).</summary>
    public SandboxResponse Once(string key, Func<SandboxResponse> operation)
    {
        var lazy = _byKey.GetOrAdd(key, _ => new Lazy<SandboxResponse>(operation, LazyThreadSafetyMode.ExecutionAndPublication));
        var response = lazy.Value;
        if (response.Status >= 500) _byKey.TryRemove(new KeyValuePair<string, Lazy<SandboxResponse>>(key, lazy));
        return response;
    }

    public SandboxResponse? Find(string key) =>
        _byKey.TryGetValue(key, out var lazy) && lazy.IsValueCreated ? lazy.Value : null;
}
