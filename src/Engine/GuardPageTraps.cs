using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Djinn.Engine;

/// <summary>
/// Whether compiled code may leave out-of-bounds memory accesses to the hardware, as V8 and Wasmtime do: every linear
/// memory sits at the start of an 8 GiB reservation whose pages past the memory's end are inaccessible, so an access
/// past the end faults, and the fault reaches the host as an exception that becomes a
/// <see cref="TrapCode.MemoryOutOfBounds"/> trap. .NET turns a fault in managed code into a catchable exception only
/// when the process started with <c>DOTNET_legacyCorruptedStateExceptionsPolicy=1</c> (otherwise it ends the process),
/// so this is on only when that variable was in the environment the process started with, on x86-64 Linux (where a
/// faulting store writes none of its bytes; Arm64 may write part of one), and not
/// turned off with <c>DJINN_GUARD_PAGES=0</c>. Otherwise every access is checked against the memory's size in code.
/// </summary>
public static class GuardPageTraps
{
    /// <summary>The runtime setting that makes hardware faults in managed code catchable.</summary>
    public const string RuntimeVariable = "DOTNET_legacyCorruptedStateExceptionsPolicy";

    /// <summary>Set to <c>0</c> to check every access in code even when guard pages could be used.</summary>
    public const string OptOutVariable = "DJINN_GUARD_PAGES";

    /// <summary>The same setting under the runtime's older prefix, which it still reads.</summary>
    private const string LegacyRuntimeVariable = "COMPlus_legacyCorruptedStateExceptionsPolicy";

    private const string RelaunchedVariable = "DJINN_GUARD_PAGES_RELAUNCHED";
    private const string Libc = "libc";

    /// <summary>True when accesses are left to guard pages in this process (fixed at startup).</summary>
    public static bool Active { get; } = Detect();

    private static bool Supported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private static bool OptedOut => Environment.GetEnvironmentVariable(OptOutVariable) == "0";

    private static bool Detect() => Supported && !OptedOut && StartedWithRuntimeVariable();

    /// <summary>
    /// The runtime read its settings from the environment the process was started with, which /proc/self/environ
    /// still holds; a variable set later from managed code would not count.
    /// </summary>
    private static bool StartedWithRuntimeVariable()
    {
        try
        {
            foreach (var entry in File.ReadAllText("/proc/self/environ").Split('\0'))
            {
                if (entry == RuntimeVariable + "=1" || entry == LegacyRuntimeVariable + "=1") return true;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return false;
    }

    /// <summary>
    /// For a host's <c>Main</c>, before anything else runs: when guard pages are supported but the process did not
    /// start with <see cref="RuntimeVariable"/>, replaces the process (same PID, arguments and descriptors) with a
    /// fresh start of the same program with it set. Returns only when nothing was done or the relaunch failed; the
    /// process then checks every access in code.
    /// </summary>
    public static void RelaunchIfNeeded()
    {
        if (Active || !Supported || OptedOut || Environment.GetEnvironmentVariable(RelaunchedVariable) is not null) return;
        string[] argv;
        try
        {
            argv = File.ReadAllText("/proc/self/cmdline", Encoding.UTF8).TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        var environment = new List<string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if ((string)entry.Key != RuntimeVariable) environment.Add($"{entry.Key}={entry.Value}");
        }
        environment.Add(RuntimeVariable + "=1");
        environment.Add(RelaunchedVariable + "=1");
        environment.Add(null);
        var arguments = new List<string?>(argv) { null };
        Console.Out.Flush();
        Console.Error.Flush();
        execve("/proc/self/exe", arguments.ToArray(), environment.ToArray());
    }

    [DllImport(Libc, SetLastError = true)]
    private static extern int execve(string path, string?[] argv, string?[] envp);
}
