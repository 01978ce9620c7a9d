using System.Security.Cryptography;

namespace Djinn.Engine.Wasi;

/// <summary>
/// proc_exit, proc_raise, sched_yield and random_get (wasi_snapshot_preview1.witx).
/// </summary>
internal sealed class WasiProcFunctions
{
    private readonly WasiContext _context;

    public WasiProcFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("proc_exit", new Action<int>(ProcExit));
        add("proc_raise", new Func<int, int>(ProcRaise));
        add("sched_yield", new Func<int>(SchedYield));
        add("random_get", new Func<int, int, int>(RandomGet));
    }

    /// <summary>
    /// <c>proc_exit(rval: exitcode)</c>, <c>(@witx noreturn)</c>: the core function has no result.
    /// Unwinds the guest with <see cref="TrapCode.Exit"/>; the host reads <see cref="TrapException.ExitCode"/>.
    /// </summary>
    public void ProcExit(int code) => throw new TrapException(TrapCode.Exit) { ExitCode = code };

    /// <summary><c>proc_raise(sig: signal) -> errno</c>: signals are not supported (ENOSYS).</summary>
    public int ProcRaise(int signal)
    {
        _ = signal;
        return (int)WasiErrno.NoSys;
    }

    /// <summary><c>sched_yield() -> errno</c>.</summary>
    public int SchedYield()
    {
        Thread.Yield();
        return 0;
    }

    /// <summary><c>random_get(buf: Pointer&lt;u8&gt;, buf_len: size) -> errno</c>: fills the buffer from a cryptographic RNG.</summary>
    public int RandomGet(int buffer, int length)
    {
        var memory = _context.GuestMemory;
        if (!memory.TrySlice(buffer, length, out var target)) return (int)WasiErrno.Fault;
        RandomNumberGenerator.Fill(target);
        return 0;
    }
}
