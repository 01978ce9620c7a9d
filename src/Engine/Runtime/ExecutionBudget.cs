namespace Djinn.Engine.Runtime;

/// <summary>
/// Per-store counters that compiled code reads and writes directly: fuel, the interrupt flag and the estimated
/// guest stack use. Shared by every instance in a store, so calls across instances are metered as one.
/// The interrupt flag is mirrored into each instance's <see cref="InstanceContext.Interrupt"/>, which is what the
/// compiled loop and entry checks read: one load from the instance state that every function holds anyway, instead
/// of keeping the budget in a register for the whole function.
/// </summary>
internal sealed class ExecutionBudget
{
    /// <summary>Remaining fuel; compiled code traps with OutOfFuel when it goes negative.</summary>
    public long Fuel = long.MaxValue;

    /// <summary>Non-zero asks the guest to stop at its next check (deadline passed, or the host interrupted it).</summary>
    public int Interrupt => _interrupt;

    private volatile int _interrupt;
    private readonly List<InstanceContext> _instances = new();

    /// <summary>Estimated bytes of guest frames currently on the native stack.</summary>
    public int StackUsed;

    /// <summary>Estimated stack bytes at which calls trap with CallStackExhausted.</summary>
    public int StackLimit = Config.DefaultMaxStackBytes;

    private ManualResetEventSlim? _wake;

    /// <summary>Metes <paramref name="instance"/> out of this budget: it sees the interrupt flag from now on.</summary>
    public void Attach(InstanceContext instance)
    {
        lock (_instances)
        {
            _instances.Add(instance);
            instance.Interrupt = _interrupt;
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
            foreach (var instance in _instances) instance.Interrupt = value;
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
