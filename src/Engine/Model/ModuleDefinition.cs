namespace Djinn.Engine.Model;

/// <summary>
/// A decoded module (https://webassembly.github.io/spec/core/syntax/modules.html).
/// Produced by the binary decoder, checked by the validator, consumed by the compiler and the instantiator.
/// Function indices count imported functions first, then <see cref="Functions"/>; the same holds for tables, memories and globals.
/// </summary>
internal sealed class ModuleDefinition
{
    public List<FuncType> Types { get; } = new();
    public List<Import> Imports { get; } = new();
    /// <summary>Type index of each function defined in the module (the function section).</summary>
    public List<uint> Functions { get; } = new();
    public List<TableType> Tables { get; } = new();
    public List<MemoryType> Memories { get; } = new();
    public List<GlobalDefinition> Globals { get; } = new();
    public List<Export> Exports { get; } = new();
    public uint? StartFunction { get; set; }
    public List<ElementSegment> Elements { get; } = new();
    public List<DataSegment> Data { get; } = new();
    /// <summary>The data count section's value, when present.</summary>
    public uint? DataCount { get; set; }
    /// <summary>Bodies of the defined functions, parallel to <see cref="Functions"/>.</summary>
    public List<FunctionBody> Bodies { get; } = new();
    public List<CustomSection> CustomSections { get; } = new();

    // Counts of imports per kind, and the types of every function, table, memory and global in index space.
    public int ImportedFunctionCount { get; set; }
    public int ImportedTableCount { get; set; }
    public int ImportedMemoryCount { get; set; }
    public int ImportedGlobalCount { get; set; }

    public int TotalFunctionCount => ImportedFunctionCount + Functions.Count;
    public int TotalTableCount => ImportedTableCount + Tables.Count;
    public int TotalMemoryCount => ImportedMemoryCount + Memories.Count;
    public int TotalGlobalCount => ImportedGlobalCount + Globals.Count;

    /// <summary>The type of the function at <paramref name="functionIndex"/> in the function index space.</summary>
    public FuncType GetFunctionType(uint functionIndex) => Types[(int)GetFunctionTypeIndex(functionIndex)];

    /// <summary>The type index of the function at <paramref name="functionIndex"/> in the function index space.</summary>
    public uint GetFunctionTypeIndex(uint functionIndex) =>
        functionIndex < ImportedFunctionCount
            ? NthImport(ExternKind.Function, functionIndex).FunctionTypeIndex
            : Functions[(int)functionIndex - ImportedFunctionCount];

    public TableType GetTableType(uint index) =>
        index < ImportedTableCount ? NthImport(ExternKind.Table, index).Table : Tables[(int)index - ImportedTableCount];

    public MemoryType GetMemoryType(uint index) =>
        index < ImportedMemoryCount ? NthImport(ExternKind.Memory, index).Memory : Memories[(int)index - ImportedMemoryCount];

    public GlobalType GetGlobalType(uint index) =>
        index < ImportedGlobalCount ? NthImport(ExternKind.Global, index).Global : Globals[(int)index - ImportedGlobalCount].Type;

    // Imports grouped by kind, so index lookups during compilation do not rescan the import list each time.
    // Rebuilt if imports were added since (the decoder and test builders fill the lists before anyone looks).
    private Import[][]? _importsByKind;
    private int _importsByKindCount = -1;

    private Import NthImport(ExternKind kind, uint n)
    {
        if (_importsByKind is null || _importsByKindCount != Imports.Count)
        {
            var groups = new List<Import>[4] { new(), new(), new(), new() };
            foreach (var import in Imports) groups[(int)import.Kind].Add(import);
            _importsByKind = [groups[0].ToArray(), groups[1].ToArray(), groups[2].ToArray(), groups[3].ToArray()];
            _importsByKindCount = Imports.Count;
        }
        var ofKind = _importsByKind[(int)kind];
        return n < ofKind.Length ? ofKind[n] : throw new ArgumentOutOfRangeException(nameof(n));
    }
}

/// <summary>An import. Only the field matching <see cref="Kind"/> is meaningful.</summary>
internal sealed record Import(string Module, string Name, ExternKind Kind)
{
    public uint FunctionTypeIndex { get; init; }
    public TableType Table { get; init; }
    public MemoryType Memory { get; init; }
    public GlobalType Global { get; init; }
}

/// <summary>An export of the item at <paramref name="Index"/> in the index space of <paramref name="Kind"/>.</summary>
internal sealed record Export(string Name, ExternKind Kind, uint Index);

/// <summary>A module-defined global with its constant initializer expression (ending with <c>end</c>).</summary>
internal sealed record GlobalDefinition(GlobalType Type, Instruction[] Init);

/// <summary>Element segment modes (https://webassembly.github.io/spec/core/syntax/modules.html#element-segments).</summary>
internal enum SegmentMode : byte { Passive, Active, Declarative }

/// <summary>
/// An element segment. Each item is a constant expression ending with <c>end</c>; the function-index
/// encodings are normalized by the decoder to <c>ref.func i; end</c>.
/// </summary>
internal sealed record ElementSegment(SegmentMode Mode, ValueKind ElementType, uint TableIndex, Instruction[]? Offset, Instruction[][] Items)
{
    /// <summary>Byte offset of the segment in the binary, for error messages.</summary>
    public int ByteOffset { get; init; }
}

/// <summary>A data segment. <see cref="Offset"/> is set for active segments only.</summary>
internal sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, Instruction[]? Offset, byte[] Bytes)
{
    public int ByteOffset { get; init; }
}

/// <summary>A function body: local declarations (count, type) and the instruction sequence, which ends with the final <c>end</c>.</summary>
internal sealed record FunctionBody(LocalRun[] Locals, Instruction[] Code, int ByteOffset)
{
    /// <summary>The total number of declared locals (excluding parameters).</summary>
    public long LocalCount
    {
        get
        {
            long n = 0;
            foreach (var run in Locals) n += run.Count;
            return n;
        }
    }
}

/// <summary>A run of <paramref name="Count"/> locals of one type.</summary>
internal readonly record struct LocalRun(uint Count, ValueKind Type);

/// <summary>A custom section's name and payload.</summary>
internal sealed record CustomSection(string Name, byte[] Payload);
