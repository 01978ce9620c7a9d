using Djinn.Engine.Runtime;

namespace Djinn.Engine;

/// <summary>
/// Owns the instances of one sandbox and its limits: fuel, memory cap and call depth.
/// A store is used by one thread at a time.
/// </summary>
public sealed class Store
{
    private long _fuelGranted;

    /// <summary>Creates a store for modules of <paramref name="engine"/>.</summary>
    public Store(Engine engine)
    {
        Engine = engine;
        Budget.MaxDepth = engine.Config.MaxCallDepth;
    }

    /// <summary>The engine.</summary>
    public Engine Engine { get; }

    internal ExecutionBudget Budget { get; } = new();

    /// <summary>Cap on the pages of any memory created in this store (instantiation fails above it; memory.grow returns -1).</summary>
    public uint MaxMemoryPages { get; set; } = Memory.MaxPagesSupported;

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

    /// <summary>Fuel consumed since it was last set.</summary>
    public long FuelConsumed => _fuelGranted - Fuel;

    /// <summary>Arbitrary host data attached to the store.</summary>
    public object? Data { get; set; }

    private Wasi.WasiContext? _wasi;
    private WasiConfiguration _wasiConfiguration = new();

    /// <summary>Sets what WASI guests instantiated in this store may see and do.</summary>
    public void SetWasiConfiguration(WasiConfiguration configuration)
    {
        _wasiConfiguration = configuration;
        _wasi = null;
    }

    internal Wasi.WasiContext GetOrCreateWasiContext() => _wasi ??= new Wasi.WasiContext(_wasiConfiguration);
}
