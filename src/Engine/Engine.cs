namespace Djinn.Engine;

/// <summary>Settings shared by every module compiled with an <see cref="Engine"/>.</summary>
public sealed class Config
{
    /// <summary>Compile fuel metering into guest code (checked at function entry and loop back-edges).</summary>
    public bool ConsumeFuel { get; set; }

    /// <summary>The default of <see cref="MaxStackBytes"/>: 512 KiB, as wasmtime's default.</summary>
    public const int DefaultMaxStackBytes = 512 * 1024;

    /// <summary>
    /// Estimated native stack bytes guest frames may use before <see cref="TrapCode.CallStackExhausted"/>.
    /// Each frame is charged a conservative estimate from its parameters, locals and operand stack; the runtime also
    /// probes the real stack, so a guest can never overflow the .NET stack. Run guests on threads with at least
    /// twice this much stack.
    /// </summary>
    public int MaxStackBytes { get; set; } = DefaultMaxStackBytes;
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
