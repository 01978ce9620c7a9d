namespace Djinn.Engine.Wasi;

/// <summary>The per-store WASI state: configuration, open descriptors and the guest memory the calls work on.</summary>
internal sealed class WasiContext
{
    private readonly Dictionary<string, Function> _functions;

    public WasiContext(WasiConfiguration configuration)
    {
        Configuration = configuration;
        _functions = WasiModule.CreateFunctions(this);
    }

    public WasiConfiguration Configuration { get; }

    /// <summary>The instance's exported "memory", bound after instantiation.</summary>
    public Memory? Memory { get; set; }

    public Function? GetFunction(string name) => _functions.GetValueOrDefault(name);
}
