using Djinn.Engine.Runtime;
using Djinn.Engine.Wasi;

namespace Djinn.Engine;

/// <summary>
/// Resolves a module's imports by (module, name) and instantiates it
/// (https://webassembly.github.io/spec/core/exec/modules.html#instantiation).
/// </summary>
public sealed class Linker
{
    private readonly Dictionary<(string Module, string Name), object> _items = new();
    private bool _wasi;

    /// <summary>Creates an empty linker.</summary>
    public Linker(Engine engine)
    {
        Engine = engine;
    }

    /// <summary>The engine.</summary>
    public Engine Engine { get; }

    /// <summary>When true, a later definition replaces an earlier one of the same name instead of failing.</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines an item: a <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
    public void Define(string module, string name, object item)
    {
        if (item is not (Function or Memory or Table or Global))
            throw new ArgumentException($"cannot define {item.GetType().Name}; expected Function, Memory, Table or Global", nameof(item));
        if (!AllowShadowing && _items.ContainsKey((module, name)))
            throw new ArgumentException($"{module}.{name} is already defined");
        _items[(module, name)] = item;
    }

    /// <summary>Defines a host function from a delegate (see <see cref="Function.FromDelegate"/>).</summary>
    public void DefineFunction(string module, string name, Delegate callback) => Define(module, name, Function.FromDelegate(callback));

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    public void DefineInstance(string module, Instance instance)
    {
        foreach (var (name, item) in instance.Exports) Define(module, name, item);
    }

    /// <summary>
    /// Makes <c>wasi_snapshot_preview1</c> available. Each store supplies its own capabilities through
    /// <see cref="Store.SetWasiConfiguration"/>; a store without one gets an empty environment and no files.
    /// </summary>
    public void DefineWasi() => _wasi = true;

    /// <summary>Instantiates <paramref name="module"/> in <paramref name="store"/>, running its start function.</summary>
    /// <exception cref="LinkException">An import is missing or has the wrong type.</exception>
    /// <exception cref="TrapException">A segment was out of bounds or the start function trapped.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        var imports = new object[module.Definition.Imports.Count];
        WasiContext? wasi = null;
        for (int i = 0; i < imports.Length; i++)
        {
            var import = module.Definition.Imports[i];
            if (_items.TryGetValue((import.Module, import.Name), out var item))
            {
                imports[i] = item;
            }
            else if (_wasi && import.Module == WasiModule.Name)
            {
                wasi ??= store.GetOrCreateWasiContext();
                imports[i] = wasi.GetFunction(import.Name)
                    ?? throw new LinkException($"unknown import: {import.Module}.{import.Name} is not a WASI preview1 function");
            }
            else
            {
                throw new LinkException($"unknown import: {import.Module}.{import.Name} is not defined");
            }
        }
        var instance = Instantiator.Instantiate(store, module, imports, beforeStart: inst =>
        {
            if (wasi is not null && inst.GetMemory("memory") is { } memory) wasi.Memory = memory;
        });
        return instance;
    }
}
