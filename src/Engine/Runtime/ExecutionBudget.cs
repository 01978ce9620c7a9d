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
}
