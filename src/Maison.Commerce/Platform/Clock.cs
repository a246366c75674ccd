namespace Maison.Commerce.Platform;

/// <summary>Database timestamps are UTC <see cref="DateTimeOffset"/>s taken from the injected <see cref="TimeProvider"/>.</summary>
public static class Clock
{
    public static DateTimeOffset UtcNow(this TimeProvider time) => time.GetUtcNow();
}
