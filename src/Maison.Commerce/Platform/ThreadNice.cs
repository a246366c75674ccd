using System.Runtime.InteropServices;

namespace Maison.Commerce.Platform;

/// <summary>
/// The calling thread's scheduling priority as a Linux nice value (ADR 0024). On Linux <c>Thread.Priority</c> changes
/// nothing; the scheduler reads a thread's nice value, which <c>setpriority(PRIO_PROCESS, 0, n)</c> sets for the calling
/// thread alone. A negative value needs <c>CAP_SYS_NICE</c> (root has it; a container is given it with
/// <c>--cap-add SYS_NICE</c>); without it the call is refused and the thread keeps its priority. Elsewhere it maps to
/// <c>Thread.Priority</c>.
/// </summary>
internal static class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>Sets the calling thread's nice value (−20 … 19); false, with the reason, when the system refuses.</summary>
    public static bool TrySet(int nice, out string? refusal)
    {
        refusal = null;
        nice = Math.Clamp(nice, -20, 19);
        if (OperatingSystem.IsLinux())
        {
            if (SetPriority(PrioProcess, 0, nice) == 0) return true;
            refusal = Marshal.GetLastPInvokeErrorMessage();
            return false;
        }
        Thread.CurrentThread.Priority = nice switch
        {
            <= -10 => ThreadPriority.Highest,
            < 0 => ThreadPriority.AboveNormal,
            0 => ThreadPriority.Normal,
            < 10 => ThreadPriority.BelowNormal,
            _ => ThreadPriority.Lowest,
        };
        return true;
    }

    /// <summary>The calling thread's nice value on Linux (0 elsewhere).</summary>
    public static int Current()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        Marshal.SetLastPInvokeError(0);
        var value = GetPriority(PrioProcess, 0);
        return value == -1 && Marshal.GetLastPInvokeError() != 0 ? 0 : value;
    }

    // DllImport rather than LibraryImport: both signatures are blittable, and the generator would need unsafe code
    // enabled for the whole project.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static extern int GetPriority(int which, int who);
}
