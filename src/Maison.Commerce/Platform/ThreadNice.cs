using System.Runtime.InteropServices;

namespace Maison.Commerce.Platform;

/// <summary>
/// The Linux scheduling priority (nice value) of the calling thread (ADR 0020). .NET maps <see cref="Thread.Priority"/>
/// to nothing on Linux, but there every thread is a task with a nice value of its own, which <c>setpriority</c> sets by
/// the thread's id. Lowering it below 0 needs <c>CAP_SYS_NICE</c> (root has it; a container must be granted it); without
/// it the call is refused and the thread keeps its priority.
/// </summary>
public static class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>Sets the calling thread's nice value; false, with the reason, where the system refuses or has none.</summary>
    public static bool TrySet(int nice, out string? refusal)
    {
        refusal = null;
        if (!OperatingSystem.IsLinux())
        {
            refusal = "thread priorities are set on Linux only";
            return false;
        }
        try
        {
            if (SetPriority(PrioProcess, GetThreadId(), nice) == 0) return true;
            refusal = $"setpriority failed with errno {Marshal.GetLastPInvokeError()} (EACCES/EPERM: the process lacks CAP_SYS_NICE)";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            refusal = e.Message;
        }
        return false;
    }

    // DllImport, not LibraryImport: the arguments are plain ints, and LibraryImport would need unsafe code in the project.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
