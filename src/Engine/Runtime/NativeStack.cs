using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Djinn.Engine.Runtime;

/// <summary>
/// The current thread's native stack: where its top is now, and the floor below which guest frames may not go.
/// Compiled functions compare the address of a local against <see cref="InstanceContext.StackFloor"/> on entry
/// (one load and one compare), so the limit is on real bytes of stack, host frames between re-entrant calls included.
/// </summary>
internal static class NativeStack
{
    /// <summary>
    /// Stack kept free below the floor: for the frame that finds the floor crossed (checked after its frame is set
    /// up), for creating and dispatching the trap, and for host code. .NET asks for 128 KiB on 64-bit before it lets
    /// code run on (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>); this is twice that.
    /// </summary>
    public const int Reserve = 256 * 1024;

    /// <summary>The floor of an instance no guest call has entered: every check fails and takes the slow path.</summary>
    public static readonly nint NoFloor = nint.MaxValue;

    /// <summary>The floor of an interrupted instance: above any stack, so the next function entry takes the slow path.</summary>
    public static readonly nint Interrupted = nint.MaxValue;

    private const string Libc = "libc";

    [ThreadStatic] private static nint t_lowest;
    [ThreadStatic] private static bool t_lowestKnown;

    /// <summary>The address of a local in this method's frame: the top of the stack, give or take a few bytes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static nint Current()
    {
        byte marker = 0;
        // The byte offset of a local from address zero is its address (no unsafe code needed).
        return Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref marker);
    }

    /// <summary>
    /// The floor for guest code entered here: <paramref name="maxBytes"/> below the current top, but never within
    /// <see cref="Reserve"/> plus twice <paramref name="largestFrameBytes"/> of the thread's real stack end. A frame is
    /// checked after the JIT's prologue has set it up, so the last frame above the floor may push one more frame
    /// below it: the room for twice the largest estimated frame keeps that one inside the real stack. A thread with
    /// too little stack left gets a floor above its top, and the call traps before it starts.
    /// </summary>
    public static nint FloorFor(int maxBytes, int largestFrameBytes)
    {
        nint top = Current();
        nint floor = top - maxBytes;
        nint lowest = LowestAddress();
        nint reserved = lowest + Reserve + 2 * (nint)largestFrameBytes;
        if (lowest != 0 && floor < reserved) floor = reserved;
        return floor;
    }

    /// <summary>The lowest address of this thread's stack (0 when the platform does not say), looked up once per thread.</summary>
    private static nint LowestAddress()
    {
        if (!t_lowestKnown)
        {
            t_lowest = QueryLowestAddress();
            t_lowestKnown = true;
        }
        return t_lowest;
    }

    private static nint QueryLowestAddress()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        // pthread_attr_t is 56 bytes on x86-64 glibc and 64 on arm64; 512 leaves room for any libc.
        nint attr = Marshal.AllocHGlobal(512);
        try
        {
            if (pthread_getattr_np(pthread_self(), attr) != 0) return 0;
            try
            {
                return pthread_attr_getstack(attr, out nint address, out _) == 0 ? address : 0;
            }
            finally
            {
                pthread_attr_destroy(attr);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
        finally
        {
            Marshal.FreeHGlobal(attr);
        }
    }

    [DllImport(Libc)]
    private static extern nint pthread_self();

    [DllImport(Libc)]
    private static extern int pthread_getattr_np(nint thread, nint attributes);

    [DllImport(Libc)]
    private static extern int pthread_attr_getstack(nint attributes, out nint address, out nuint size);

    [DllImport(Libc)]
    private static extern int pthread_attr_destroy(nint attributes);
}
