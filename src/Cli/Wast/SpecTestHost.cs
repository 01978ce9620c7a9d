using Djinn.Engine;

namespace Djinn.Cli.Wast;

/// <summary>
/// The <c>spectest</c> host module every script may import from
/// (https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module).
/// One set of items per script, so table and memory contents persist across the script's modules.
/// </summary>
internal sealed class SpecTestHost
{
    /// <summary>The import module name.</summary>
    public const string ModuleName = "spectest";

    private readonly List<(string Name, object Item)> _items;

    /// <summary>Creates the host items in <paramref name="store"/>.</summary>
    public SpecTestHost(Store store)
    {
        _items =
        [
            ("print", Function.FromDelegate(new Action(() => { }))),
            ("print_i32", Function.FromDelegate(new Action<int>(_ => { }))),
            ("print_i64", Function.FromDelegate(new Action<long>(_ => { }))),
            ("print_f32", Function.FromDelegate(new Action<float>(_ => { }))),
            ("print_f64", Function.FromDelegate(new Action<double>(_ => { }))),
            ("print_i32_f32", Function.FromDelegate(new Action<int, float>((_, _) => { }))),
            ("print_f64_f64", Function.FromDelegate(new Action<double, double>((_, _) => { }))),
            ("global_i32", new Global(store, ValueKind.I32, mutable: false, 666)),
            ("global_i64", new Global(store, ValueKind.I64, mutable: false, 666L)),
            ("global_f32", new Global(store, ValueKind.F32, mutable: false, 666.6f)),
            ("global_f64", new Global(store, ValueKind.F64, mutable: false, 666.6)),
            ("table", new Table(store, ValueKind.FuncRef, initial: null, minimum: 10, maximum: 20)),
            ("memory", new Memory(store, minimumPages: 1, maximumPages: 2)),
        ];
    }

    /// <summary>The host items by export name.</summary>
    public IReadOnlyList<(string Name, object Item)> Items => _items;

    /// <summary>Defines every item under <see cref="ModuleName"/>.</summary>
    public void DefineIn(Linker linker)
    {
        foreach (var (name, item) in _items) linker.Define(ModuleName, name, item);
    }
}
