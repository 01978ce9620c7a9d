using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Djinn.Engine.Wasi;

/// <summary>
/// The four <c>$clockid</c> clocks of typenames.witx, in nanoseconds (<c>$timestamp</c> is a u64 of ns).
/// Realtime counts from the Unix epoch; monotonic from an arbitrary fixed point; the CPU-time clocks count
/// CPU time consumed by the process or the calling thread.
/// </summary>
internal static class WasiClocks
{
    private const long NanosecondsPerTick = 100; // TimeSpan/DateTime ticks
    private const int LinuxClockThreadCputimeId = 3;

    private static bool _threadClockUnavailable;

    /// <summary>The current time of <paramref name="clock"/>; false for an unknown clock id (EINVAL).</summary>
    public static bool TryGetTime(int clock, out ulong nanoseconds)
    {
        switch ((WasiClockId)clock)
        {
            case WasiClockId.Realtime:
                nanoseconds = (ulong)(DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerTick;
                return true;
            case WasiClockId.Monotonic:
                nanoseconds = MonotonicNanoseconds(Stopwatch.GetTimestamp());
                return true;
            case WasiClockId.ProcessCputime:
                nanoseconds = (ulong)Environment.CpuUsage.TotalTime.Ticks * NanosecondsPerTick;
                return true;
            case WasiClockId.ThreadCputime:
                nanoseconds = ThreadCpuTime();
                return true;
            default:
                nanoseconds = 0;
                return false;
        }
    }

    /// <summary>The resolution of <paramref name="clock"/> in nanoseconds; false for an unknown clock id.</summary>
    public static bool TryGetResolution(int clock, out ulong nanoseconds)
    {
        switch ((WasiClockId)clock)
        {
            case WasiClockId.Realtime:
            case WasiClockId.ProcessCputime:
                nanoseconds = NanosecondsPerTick;
                return true;
            case WasiClockId.Monotonic:
                nanoseconds = (ulong)Math.Max(1, (1_000_000_000L + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
                return true;
            case WasiClockId.ThreadCputime:
                nanoseconds = OperatingSystem.IsLinux() && !_threadClockUnavailable ? 1UL : NanosecondsPerTick;
                return true;
            default:
                nanoseconds = 0;
                return false;
        }
    }

    /// <summary>Stopwatch ticks to nanoseconds in integer arithmetic, exact and monotonic however long the host runs.</summary>
    private static ulong MonotonicNanoseconds(long timestamp)
    {
        long frequency = Stopwatch.Frequency;
        ulong seconds = (ulong)(timestamp / frequency);
        ulong fraction = (ulong)(timestamp % frequency);
        return seconds * 1_000_000_000UL + fraction * 1_000_000_000UL / (ulong)frequency;
    }

    /// <summary>CLOCK_THREAD_CPUTIME_ID on Linux; elsewhere (or if libc refuses) the process CPU time.</summary>
    private static ulong ThreadCpuTime()
    {
        if (OperatingSystem.IsLinux() && !_threadClockUnavailable)
        {
            try
            {
                if (NativeMethods.clock_gettime(LinuxClockThreadCputimeId, out var time) == 0)
                    return (ulong)time.Seconds * 1_000_000_000UL + (ulong)time.Nanoseconds;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _threadClockUnavailable = true;
            }
        }
        return (ulong)Environment.CpuUsage.TotalTime.Ticks * NanosecondsPerTick;
    }

    private static class NativeMethods
    {
        [StructLayout(LayoutKind.Sequential)]
        public struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out Timespec time);
    }
}
