namespace Djinn.Engine.Runtime;

/// <summary>
/// Per-store counters that compiled code reads and writes directly: fuel, the interrupt flag and the call depth.
/// Shared by every instance in a store, so calls across instances are metered as one.
/// </summary>
internal sealed class ExecutionBudget
{
    /// <summary>Remaining fuel; compiled code traps with OutOfFuel when it goes negative.</summary>
    public long Fuel = long.MaxValue;

    /// <summary>Non-zero asks the guest to stop at its next check (deadline passed).</summary>
    public volatile int Interrupt;

    /// <summary>Current guest call depth.</summary>
    public int Depth;

    /// <summary>Depth at which calls trap with CallStackExhausted.</summary>
    public int MaxDepth = 10_000;
}
