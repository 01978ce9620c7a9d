namespace Djinn.Engine.Wasi;

/// <summary>
/// clock_res_get and clock_time_get (wasi_snapshot_preview1.witx). Unknown clock ids give EINVAL;
/// the <c>precision</c> argument of clock_time_get is a hint and is ignored.
/// </summary>
internal sealed class WasiClockFunctions
{
    private readonly WasiContext _context;

    public WasiClockFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("clock_res_get", new Func<int, int, int>(ClockResGet));
        add("clock_time_get", new Func<int, long, int, int>(ClockTimeGet));
    }

    /// <summary><c>clock_res_get(id: clockid) -> (errno, timestamp)</c>.</summary>
    public int ClockResGet(int clock, int resultPointer)
    {
        var memory = _context.GuestMemory;
        if (!WasiClocks.TryGetResolution(clock, out var resolution)) return (int)WasiErrno.Inval;
        return memory.TryWriteUInt64(resultPointer, resolution) ? 0 : (int)WasiErrno.Fault;
    }

    /// <summary><c>clock_time_get(id: clockid, precision: timestamp) -> (errno, timestamp)</c>.</summary>
    public int ClockTimeGet(int clock, long precision, int resultPointer)
    {
        _ = precision;
        var memory = _context.GuestMemory;
        if (!WasiClocks.TryGetTime(clock, out var now)) return (int)WasiErrno.Inval;
        return memory.TryWriteUInt64(resultPointer, now) ? 0 : (int)WasiErrno.Fault;
    }
}
