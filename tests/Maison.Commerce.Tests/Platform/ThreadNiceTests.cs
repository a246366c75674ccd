using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Platform;

/// <summary>ADR 0024: a thread's own nice value, set and read back on a thread of its own (the pool's are shared).</summary>
public sealed class ThreadNiceTests
{
    [Fact]
    public void A_thread_may_always_lower_its_own_priority_and_reads_it_back()
    {
        Assert.True(OperatingSystem.IsLinux(), "these tests read Linux nice values");
        var before = ThreadNice.Current();
        var (set, read) = OnOwnThread(() => (ThreadNice.TrySet(7, out _), ThreadNice.Current()));
        Assert.True(set);
        Assert.Equal(7, read);
        Assert.Equal(before, ThreadNice.Current()); // the calling thread is untouched: nice is per thread on Linux
    }

    [Fact]
    public void Raising_it_works_with_the_privilege_and_is_refused_with_a_reason_without()
    {
        var (set, read, refusal) = OnOwnThread(() =>
        {
            var before = ThreadNice.Current();
            var ok = ThreadNice.TrySet(before - 4, out var why);
            return (ok, ThreadNice.Current() - before, why);
        });
        Assert.Equal(HasPrivilege(), set);
        Assert.Equal(set ? -4 : 0, read);
        Assert.Equal(set, refusal is null);
    }

    /// <summary>CAP_SYS_NICE in this process's effective capabilities (bit 23 of CapEff in /proc/self/status).</summary>
    private static bool HasPrivilege()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(line["CapEff:".Length..].Trim(), 16);
        return (mask & (1UL << 23)) != 0;
    }

    private static T OnOwnThread<T>(Func<T> body)
    {
        T result = default!;
        var thread = new Thread(() => result = body());
        thread.Start();
        thread.Join();
        return result;
    }
}
