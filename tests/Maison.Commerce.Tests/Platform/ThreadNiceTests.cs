using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Platform;

/// <summary>
/// The reservation worker's priority (ADR 0020) is the nice value of its own thread, not of the process: set on one
/// thread, read back from the kernel's view of that thread, and absent from another. A raised nice value needs no
/// privilege, so the test runs the same for any user.
/// </summary>
public sealed class ThreadNiceTests
{
    [Fact]
    public void The_nice_value_applies_to_the_calling_thread_only()
    {
        Assert.True(OperatingSystem.IsLinux(), "the servers run on Linux");
        int? set = null, other = null;
        string? refusal = null;
        var worker = new Thread(() =>
        {
            if (ThreadNice.TrySet(7, out refusal)) set = NiceOfThisThread();
        });
        worker.Start();
        worker.Join();
        var bystander = new Thread(() => other = NiceOfThisThread());
        bystander.Start();
        bystander.Join();

        Assert.Null(refusal);
        Assert.Equal(7, set);
        Assert.Equal(NiceOfThisThread(), other); // a thread started afterwards inherits the starter's, not the worker's
        Assert.NotEqual(7, other);
    }

    /// <summary>Field 19 of <c>/proc/thread-self/stat</c>: the calling thread's nice value as the kernel holds it.</summary>
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
