using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>
/// The validation context C of a module (https://webassembly.github.io/spec/core/valid/conventions.html#contexts),
/// flattened into arrays once per module so the function-body checker never walks the import list.
/// </summary>
internal sealed class ValidationContext
{
    private static readonly ValueKind[] s_empty = [];
    private static readonly ValueKind[][] s_single = BuildSingles();

    /// <summary>Builds the context; the module's index spaces must already be known to be consistent.</summary>
    public ValidationContext(ModuleDefinition module)
    {
        Module = module;

        int typeCount = module.Types.Count;
        TypeParams = new ValueKind[typeCount][];
        TypeResults = new ValueKind[typeCount][];
        for (int i = 0; i < typeCount; i++)
        {
            var type = module.Types[i];
            TypeParams[i] = ToArray(type.Parameters);
            TypeResults[i] = ToArray(type.Results);
        }

        FunctionTypes = new uint[module.TotalFunctionCount];
        Tables = new TableType[module.TotalTableCount];
        Globals = new GlobalType[module.TotalGlobalCount];
        int f = 0, t = 0, g = 0;
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    if (f < FunctionTypes.Length) FunctionTypes[f++] = import.FunctionTypeIndex;
                    break;
                case ExternKind.Table:
                    if (t < Tables.Length) Tables[t++] = import.Table;
                    break;
                case ExternKind.Global:
                    if (g < Globals.Length) Globals[g++] = import.Global;
                    break;
            }
        }

        foreach (uint typeIndex in module.Functions) if (f < FunctionTypes.Length) FunctionTypes[f++] = typeIndex;
        foreach (var table in module.Tables) if (t < Tables.Length) Tables[t++] = table;
        foreach (var global in module.Globals) if (g < Globals.Length) Globals[g++] = global.Type;

        MemoryCount = module.TotalMemoryCount;
        ImportedGlobalCount = module.ImportedGlobalCount;
        ElementTypes = new ValueKind[module.Elements.Count];
        for (int i = 0; i < ElementTypes.Length; i++) ElementTypes[i] = module.Elements[i].ElementType;

        // C.datas is the data segment list. A binary that uses memory.init/data.drop without a data count
        // section, or whose count disagrees with the data section, is malformed: the decoder rejects it
        // (https://webassembly.github.io/spec/core/binary/modules.html#data-count-section). Modules built from
        // text may leave DataCount unset, so the segment list is the authority here.
        DataCount = module.Data.Count;
        Refs = new bool[FunctionTypes.Length];
    }

    /// <summary>The module being validated.</summary>
    public ModuleDefinition Module { get; }

    /// <summary>Parameter types of each type in the type section.</summary>
    public ValueKind[][] TypeParams { get; }

    /// <summary>Result types of each type in the type section.</summary>
    public ValueKind[][] TypeResults { get; }

    /// <summary>Type index of every function in the function index space (imports first).</summary>
    public uint[] FunctionTypes { get; }

    /// <summary>Every table type in the table index space.</summary>
    public TableType[] Tables { get; }

    /// <summary>Number of memories (imported and defined).</summary>
    public int MemoryCount { get; }

    /// <summary>Every global type in the global index space.</summary>
    public GlobalType[] Globals { get; }

    /// <summary>Number of imported globals: the only globals constant expressions may read (Wasm 2.0).</summary>
    public int ImportedGlobalCount { get; }

    /// <summary>Reference type of each element segment.</summary>
    public ValueKind[] ElementTypes { get; }

    /// <summary>Number of data segments.</summary>
    public int DataCount { get; }

    /// <summary>
    /// C.refs: functions referenced outside function bodies and the start section
    /// (https://webassembly.github.io/spec/core/valid/modules.html#valid-module).
    /// </summary>
    public bool[] Refs { get; }

    /// <summary>Number of types in the type section.</summary>
    public int TypeCount => TypeParams.Length;

    /// <summary>An empty result type.</summary>
    public static ValueKind[] Empty => s_empty;

    /// <summary>A cached one-element result type, or null when <paramref name="kind"/> is not a value type.</summary>
    public static ValueKind[]? Single(ValueKind kind) => s_single[(byte)kind];

    /// <summary>True when <paramref name="kind"/> is one of the value types.</summary>
    public static bool IsValueType(ValueKind kind) => s_single[(byte)kind] is not null;

    private static ValueKind[] ToArray(IReadOnlyList<ValueKind> list)
    {
        if (list.Count == 0) return s_empty;
        var array = new ValueKind[list.Count];
        for (int i = 0; i < array.Length; i++) array[i] = list[i];
        return array;
    }

    private static ValueKind[][] BuildSingles()
    {
        var singles = new ValueKind[256][];
        foreach (var kind in (ReadOnlySpan<ValueKind>)[ValueKind.I32, ValueKind.I64, ValueKind.F32, ValueKind.F64,
                     ValueKind.V128, ValueKind.FuncRef, ValueKind.ExternRef])
        {
            singles[(byte)kind] = [kind];
        }
        return singles;
    }
}
