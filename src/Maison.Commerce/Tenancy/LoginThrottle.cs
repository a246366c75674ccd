using Maison.Commerce.Platform;
using Microsoft.Extensions.Caching.Memory;

namespace Maison.Commerce.Tenancy;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed logins for one e-mail within the window, further
/// attempts get 429 until it passes. Per process: behind N replicas an attacker gets N× the budget, still bounded.
/// </summary>
internal sealed class LoginThrottle(IMemoryCache cache, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset Until;
    }

    public void EnsureAllowed(string key)
    {
        if (cache.TryGetValue(Key(key), out Counter? counter) && counter is not null
            && Volatile.Read(ref counter.Failures) >= MaxFailures && counter.Until > time.GetUtcNow())
        {
            var retryAfter = (int)Math.Ceiling((counter.Until - time.GetUtcNow()).TotalSeconds);
            throw new DomainException(ProblemCodes.TooManyAttempts, "Too many failed sign-in attempts; try again later.", 429,
                new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfter });
        }
    }

    public void Failed(string key)
    {
        var counter = cache.GetOrCreate(Key(key), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Window;
            return new Counter { Until = time.GetUtcNow() + Window };
        })!;
        Interlocked.Increment(ref counter.Failures);
    }

    public void Succeeded(string key) => cache.Remove(Key(key));

    private static string Key(string key) => "login-failures:" + key;
}
