namespace Djinn.Engine;

/// <summary>Settings shared by every module compiled with an <see cref="Engine"/>.</summary>
public sealed class Config
{
    /// <summary>Compile fuel metering into guest code (checked at function entry and loop back-edges).</summary>
    public bool ConsumeFuel { get; set; }

    /// <summary>The deepest guest call nesting before <see cref="TrapCode.CallStackExhausted"/>.</summary>
    public int MaxCallDepth { get; set; } = 10_000;
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
