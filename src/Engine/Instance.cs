using Djinn.Engine.Model;
using Djinn.Engine.Runtime;

namespace Djinn.Engine;

/// <summary>An instantiated module: its exports, by name.</summary>
/// <remarks>
/// Exports are resolved when asked for, not at instantiation: binding an exported function to its instance creates a
/// delegate, and a request usually calls one export (<c>_start</c>) of several. The same export always yields the
/// same object.
/// </remarks>
public sealed class Instance
{
    private readonly InstanceContext _state;
    private Dictionary<string, object>? _all;

    internal Instance(Module module, Store store, InstanceContext state)
    {
        Module = module;
        Store = store;
        _state = state;
    }

    /// <summary>The module it was instantiated from.</summary>
    public Module Module { get; }

    /// <summary>The store that owns it.</summary>
    public Store Store { get; }

    /// <summary>Every export: <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
    public IReadOnlyDictionary<string, object> Exports =>
        _all ??= Module.ExportsByName.ToDictionary(e => e.Key, e => Resolve(e.Value), StringComparer.Ordinal);

    /// <summary>The exported function, or null.</summary>
    public Function? GetFunction(string name) => Find(name, ExternKind.Function) as Function;

    /// <summary>The exported memory, or null.</summary>
    public Memory? GetMemory(string name) => Find(name, ExternKind.Memory) as Memory;

    /// <summary>The exported table, or null.</summary>
    public Table? GetTable(string name) => Find(name, ExternKind.Table) as Table;

    /// <summary>The exported global, or null.</summary>
    public Global? GetGlobal(string name) => Find(name, ExternKind.Global) as Global;

    private object? Find(string name, ExternKind kind) =>
        Module.ExportsByName.TryGetValue(name, out var export) && export.Kind == kind ? Resolve(export) : null;

    private object Resolve(Export export) => export.Kind switch
    {
        ExternKind.Function => _state.GetFunction((int)export.Index),
        ExternKind.Table => _state.Tables[export.Index],
        ExternKind.Memory => _state.Memories[export.Index],
        _ => _state.Globals[export.Index],
    };
}
