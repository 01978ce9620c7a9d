namespace Djinn.Engine.Runtime;

/// <summary>
/// Per-store counters and limits that compiled code reads directly: fuel, the interrupt flag and the native stack
/// floor. Shared by every instance in a store, so calls across instances are metered as one.
/// The interrupt flag and the stack floor are mirrored into each instance's <see cref="InstanceContext"/>, which is
/// what the compiled checks read: one load from the instance state that every function holds anyway, instead of
/// keeping the budget in a register for the whole function.
/// </summary>
internal sealed class ExecutionBudget
{
    /// <summary>Remaining fuel; compiled code traps with OutOfFuel when it goes negative.</summary>
    public long Fuel = long.MaxValue;

    /// <summary>Non-zero asks the guest to stop at its next check (deadline passed, or the host interrupted it).</summary>
    public int Interrupt => _interrupt;

    private volatile int _interrupt;
    private readonly List<InstanceContext> _instances = new();

    /// <summary>Native stack bytes guest code may use below the point where the host entered it (<see cref="Config.MaxStackBytes"/>).</summary>
    public int StackLimit = Config.DefaultMaxStackBytes;

    /// <summary>
    /// The lowest address guest frames may reach while the host is inside a guest call, or
    /// <see cref="NativeStack.NoFloor"/> outside one. Set by the outermost <see cref="GuestCall.Run"/>.
    /// </summary>
    public nint StackFloor => _stackFloor;

    private nint _stackFloor = NativeStack.NoFloor;

    /// <summary>The largest estimated frame of any attached instance's module: the floor keeps room for one more.</summary>
    public int LargestFrameBytes { get; private set; }

    private ManualResetEventSlim? _wake;

    /// <summary>Metes <paramref name="instance"/> out of this budget: it sees the interrupt flag and the stack floor from now on.</summary>
    public void Attach(InstanceContext instance)
    {
        lock (_instances)
        {
            _instances.Add(instance);
            Mirror(instance);
            LargestFrameBytes = Math.Max(LargestFrameBytes, instance.Compiled.LargestFrameBytes);
        }
    }

    /// <summary>
    /// Writes the interrupt flag and the floor into <paramref name="instance"/> (under the lock). While interrupted the
    /// floor it sees is one no stack reaches, so that every function entry takes the slow path
    /// (<see cref="RuntimeOps.StackFloorReached"/>) and traps: the entry's stack check is also its deadline check.
    /// </summary>
    private void Mirror(InstanceContext instance)
    {
        instance.Interrupt = _interrupt;
        instance.StackFloor = _interrupt != 0 ? NativeStack.Interrupted : _stackFloor;
    }

    /// <summary>Sets <see cref="StackFloor"/> here and in every attached instance.</summary>
    public void SetStackFloor(nint floor)
    {
        lock (_instances)
        {
            _stackFloor = floor;
            foreach (var instance in _instances) Mirror(instance);
        }
    }

    /// <summary>Sets <see cref="Interrupt"/> (here and in every attached instance) and wakes a guest sleeping in a host call (<see cref="SleepUnlessInterrupted"/>).</summary>
    public void RaiseInterrupt() => SetInterrupt(1);

    /// <summary>Clears <see cref="Interrupt"/>, so guest code may run again.</summary>
    public void ClearInterrupt() => SetInterrupt(0);

    private void SetInterrupt(int value)
    {
        lock (_instances)
        {
            _interrupt = value;
            foreach (var instance in _instances) Mirror(instance);
        }
        if (value != 0) Volatile.Read(ref _wake)?.Set();
    }

    /// <summary>
    /// Blocks for <paramref name="duration"/> unless the budget is interrupted first (a deadline passing or the host
    /// interrupting); returns false when it was interrupted, so a guest's sleep cannot outlast its deadline.
    /// </summary>
    public bool SleepUnlessInterrupted(TimeSpan duration)
    {
        var wake = Volatile.Read(ref _wake);
        if (wake is null)
        {
            Interlocked.CompareExchange(ref _wake, new ManualResetEventSlim(false), null);
            wake = _wake!;
        }
        wake.Reset();
        // Checked after the event is published and reset, so an interrupt raised before this point is seen here
        // and one raised after it sets the event.
        if (Interrupt != 0) return false;
        return !wake.Wait(duration);
    }
}
