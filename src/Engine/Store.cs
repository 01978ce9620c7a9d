using Djinn.Engine.Runtime;

namespace Djinn.Engine;

/// <summary>
/// Owns the instances of one sandbox and its limits: fuel, memory cap and call depth.
/// A store is used by one thread at a time. Dispose it to disarm its deadline and to release the host file
/// descriptors its WASI guests opened.
/// </summary>
public sealed class Store : IDisposable
{
    // Compiled code counts fuel down from long.MaxValue until a budget is set, so consumption is known either way.
    private long _fuelGranted = long.MaxValue;

    /// <summary>Creates a store for modules of <paramref name="engine"/>.</summary>
    public Store(Engine engine)
    {
        Engine = engine;
        Budget.StackLimit = engine.Config.MaxStackBytes;
    }

    /// <summary>The engine.</summary>
    public Engine Engine { get; }

    internal ExecutionBudget Budget { get; } = new();

    internal MemoryAccount MemoryAccount { get; } = new((long)Memory.MaxPagesSupported * Memory.PageSize);

    /// <summary>
    /// Cap on the total bytes of all linear memories created in this store: instantiation fails with
    /// <see cref="ResourceLimitException"/> when the initial memory exceeds it, and memory.grow returns -1 past it.
    /// </summary>
    public long MemoryLimitBytes
    {
        get => MemoryAccount.Limit;
        set => MemoryAccount.Limit = value;
    }

    /// <summary>Bytes of linear memory currently allocated in this store.</summary>
    public long MemoryBytesUsed => MemoryAccount.Used;

    /// <summary>
    /// Bytes of linear memory held by the instances of every store of the process that is not disposed yet (a disposed
    /// store holds none).
    /// </summary>
    public static long LinearMemoryInUse => MemoryAccount.InUse;

    /// <summary>
    /// Accessible bytes of the zeroed linear-memory regions kept for later stores; they are unmapped after 10 s
    /// without a new store's memory, so this drops to 0 once the server is idle.
    /// </summary>
    public static long LinearMemoryPooled => MemoryPool.PooledBytes;

    private DeadlineWatchdog.Deadline? _deadline;

    /// <summary>
    /// Interrupts guest code running in this store after <paramref name="timeout"/> with <see cref="TrapCode.Timeout"/>.
    /// The check is cooperative (function entries and loop headers; an unrolled loop checks once per few iterations), so even a tight loop stops promptly.
    /// A guest sleeping in WASI <c>poll_oneoff</c> is woken. Replaces any earlier deadline. The deadline is kept by
    /// one dedicated thread (<see cref="DeadlineWatchdog"/>), so it fires on time even when the thread pool is busy.
    /// </summary>
    public void SetDeadline(TimeSpan timeout)
    {
        CancelDeadline();
        _deadline = DeadlineWatchdog.Arm(Budget, timeout);
    }

    /// <summary>
    /// Cancels the deadline and clears any pending interrupt, so guest code may run again. Returns true when the
    /// deadline had passed (it interrupted the guest).
    /// </summary>
    public bool CancelDeadline()
    {
        bool fired = _deadline is not null && DeadlineWatchdog.Disarm(_deadline);
        _deadline = null;
        Budget.ClearInterrupt();
        return fired;
    }

    /// <summary>Asks running guest code to stop at its next check, with <see cref="TrapCode.Timeout"/>.</summary>
    public void Interrupt() => Budget.RaiseInterrupt();

    /// <summary>Remaining fuel, when the engine was configured with <see cref="Config.ConsumeFuel"/>.</summary>
    public long Fuel
    {
        get => Math.Max(0, Budget.Fuel);
        set
        {
            _fuelGranted = value;
            Budget.Fuel = value;
        }
    }

    /// <summary>
    /// Fuel consumed since it was last set (or since the store was created, when no budget was set); 0 when the engine
    /// does not meter fuel.
    /// </summary>
    public long FuelConsumed => _fuelGranted - Fuel;

    /// <summary>Arbitrary host data attached to the store.</summary>
    public object? Data { get; set; }

    private Wasi.WasiContext? _wasi;
    private WasiConfiguration _wasiConfiguration = new();

    /// <summary>Sets what WASI guests instantiated in this store may see and do.</summary>
    public void SetWasiConfiguration(WasiConfiguration configuration)
    {
        _wasiConfiguration = configuration;
        _wasi?.Dispose();
        _wasi = null;
    }

    internal Wasi.WasiContext GetOrCreateWasiContext() => _wasi ??= new Wasi.WasiContext(_wasiConfiguration, Budget);

    /// <summary>
    /// Cancels the deadline, closes every descriptor WASI opened for this store's guests, and recycles the store's
    /// linear memories: they become empty (any access traps), and their zeroed buffers serve later stores.
    /// </summary>
    public void Dispose()
    {
        CancelDeadline();
        _wasi?.Dispose();
        _wasi = null;
        MemoryAccount.DetachAll();
    }
}
