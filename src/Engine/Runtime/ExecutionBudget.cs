namespace Djinn.Engine.Runtime;

/// <summary>
/// Per-store counters that compiled code reads and writes directly: fuel, the interrupt flag and the estimated
/// guest stack use. Shared by every instance in a store, so calls across instances are metered as one.
/// </summary>
internal sealed class ExecutionBudget
{
    /// <summary>Remaining fuel; compiled code traps with OutOfFuel when it goes negative.</summary>
    public long Fuel = long.MaxValue;

    /// <summary>Non-zero asks the guest to stop at its next check (deadline passed, or the host interrupted it).</summary>
    public volatile int Interrupt;

    /// <summary>Estimated bytes of guest frames currently on the native stack.</summary>
    public int StackUsed;

    /// <summary>Estimated stack bytes at which calls trap with CallStackExhausted.</summary>
    public int StackLimit = Config.DefaultMaxStackBytes;

    private ManualResetEventSlim? _wake;

    /// <summary>Sets <see cref="Interrupt"/> and wakes a guest sleeping in a host call (<see cref="SleepUnlessInterrupted"/>).</summary>
    public void RaiseInterrupt()
    {
        Interrupt = 1;
        Volatile.Read(ref _wake)?.Set();
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
