namespace Djinn.Engine;

/// <summary>Settings shared by every module compiled with an <see cref="Engine"/>.</summary>
public sealed class Config
{
    /// <summary>Compile fuel metering into guest code (charged at function entry and at every loop iteration).</summary>
    public bool ConsumeFuel { get; set; }

    /// <summary>The default of <see cref="MaxStackBytes"/>: 512 KiB, as wasmtime's default.</summary>
    public const int DefaultMaxStackBytes = 512 * 1024;

    /// <summary>
    /// Native stack bytes guest code may use, below the point where the host called it, before
    /// <see cref="TrapCode.CallStackExhausted"/>. Every compiled function compares the real stack top with this floor
    /// on entry; host functions the guest calls count too, and each call back into the guest from one costs 16 KiB
    /// more. The floor never comes within 256 KiB (plus twice the largest function's frame) of the thread's real stack
    /// end, so a guest can never overflow the .NET stack. Run guests on threads with at least twice this much stack.
    /// </summary>
    public int MaxStackBytes { get; set; } = DefaultMaxStackBytes;

    /// <summary>
    /// Leave out-of-bounds memory accesses to guard pages where the process supports it
    /// (<see cref="GuardPageTraps.Active"/>); false checks every access in compiled code. Either way an access outside
    /// the memory traps with <see cref="TrapCode.MemoryOutOfBounds"/>.
    /// </summary>
    public bool UseGuardPages { get; set; } = true;

    /// <summary>Whether compiled code leaves bounds to guard pages: <see cref="UseGuardPages"/> in a process where they are active.</summary>
    internal bool ElidesBoundsChecks => UseGuardPages && GuardPageTraps.Active;
}

/// <summary>Compiles modules. Thread-safe; one per process is typical.</summary>
public sealed class Engine : IDisposable
{
    /// <summary>Creates an engine with the given configuration (or the defaults).</summary>
    public Engine(Config? config = null)
    {
        Config = config ?? new Config();
    }

    /// <summary>The configuration, fixed at construction.</summary>
    public Config Config { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
