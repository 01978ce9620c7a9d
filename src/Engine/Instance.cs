namespace Djinn.Engine;

/// <summary>An instantiated module: its exports, by name.</summary>
public sealed class Instance
{
    private readonly Dictionary<string, object> _exports;

    internal Instance(Module module, Store store, Dictionary<string, object> exports)
    {
        Module = module;
        Store = store;
        _exports = exports;
    }

    /// <summary>The module it was instantiated from.</summary>
    public Module Module { get; }

    /// <summary>The store that owns it.</summary>
    public Store Store { get; }

    /// <summary>Every export: <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
    public IReadOnlyDictionary<string, object> Exports => _exports;

    /// <summary>The exported function, or null.</summary>
    public Function? GetFunction(string name) => _exports.GetValueOrDefault(name) as Function;

    /// <summary>The exported memory, or null.</summary>
    public Memory? GetMemory(string name) => _exports.GetValueOrDefault(name) as Memory;

    /// <summary>The exported table, or null.</summary>
    public Table? GetTable(string name) => _exports.GetValueOrDefault(name) as Table;

    /// <summary>The exported global, or null.</summary>
    public Global? GetGlobal(string name) => _exports.GetValueOrDefault(name) as Global;
}
