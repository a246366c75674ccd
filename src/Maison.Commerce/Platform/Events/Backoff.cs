namespace Maison.Commerce.Platform.Events;

/// <summary>Exponential backoff with jitter: retries of many failed messages spread out instead of arriving together.</summary>
public static class Backoff
{
    /// <summary>The wait before retry number <paramref name="attempt"/> (1 = after the first failure).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan max)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // "Equal jitter": at least half the ceiling, so a retry is never immediate, plus a random half.
        var ms = ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2;
        return TimeSpan.FromMilliseconds(ms);
    }
}
