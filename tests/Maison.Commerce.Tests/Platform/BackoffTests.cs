using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Tests.Platform;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    [Property]
    public Property A_delay_lies_between_half_and_all_of_the_exponential_ceiling(PositiveInt attempt)
    {
        var ceiling = Math.Min(Max.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt.Get - 1, 30)));
        var delay = Backoff.Delay(attempt.Get, Base, Max).TotalMilliseconds;
        return (delay >= ceiling / 2 && delay <= ceiling).ToProperty();
    }

    [Fact]
    public void Delays_never_exceed_the_cap_however_many_attempts()
    {
        Assert.True(Backoff.Delay(int.MaxValue, Base, Max) <= Max);
        Assert.True(Backoff.Delay(1_000, Base, Max) >= Max / 2);
    }
}
