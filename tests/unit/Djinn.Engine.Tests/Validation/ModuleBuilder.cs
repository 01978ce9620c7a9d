using Djinn.Engine.Model;

namespace Djinn.Engine.Tests.Validation;

/// <summary>
/// Builds <see cref="ModuleDefinition"/> objects directly (no decoder, no text parser) for validator tests.
/// Instruction offsets are rewritten so that instruction k of defined function f sits at <see cref="OffsetOf"/>.
/// </summary>
internal sealed class ModuleBuilder
{
    /// <summary>The module being built; tests may also edit it directly.</summary>
    public ModuleDefinition Module { get; } = new();

    /// <summary>The byte offset the builder assigns to instruction <paramref name="position"/> of defined function <paramref name="definedIndex"/>.</summary>
    public static int OffsetOf(int definedIndex, int position) => 10_000 * (definedIndex + 1) + position;

    /// <summary>Adds (or reuses) a function type and returns its index.</summary>
    public uint Type(ValueKind[] parameters, ValueKind[] results)
    {
        var type = new FuncType(parameters, results);
        for (int i = 0; i < Module.Types.Count; i++) if (Module.Types[i].Equals(type)) return (uint)i;
        Module.Types.Add(type);
        return (uint)(Module.Types.Count - 1);
    }

    /// <summary>Adds a function type without reusing an equal one.</summary>
    public uint NewType(ValueKind[] parameters, ValueKind[] results)
    {
        Module.Types.Add(new FuncType(parameters, results));
        return (uint)(Module.Types.Count - 1);
    }

    /// <summary>Imports a function of the given type; returns its function index.</summary>
    public uint ImportFunc(uint typeIndex)
    {
        Module.Imports.Add(new Import("m", "f" + Module.Imports.Count, ExternKind.Function) { FunctionTypeIndex = typeIndex });
        return (uint)Module.ImportedFunctionCount++;
    }

    /// <summary>Imports a global; returns its global index.</summary>
    public uint ImportGlobal(ValueKind type, bool mutable = false)
    {
        Module.Imports.Add(new Import("m", "g" + Module.Imports.Count, ExternKind.Global) { Global = new GlobalType(type, mutable) });
        return (uint)Module.ImportedGlobalCount++;
    }

    /// <summary>Imports a table; returns its table index.</summary>
    public uint ImportTable(ValueKind elementType, uint min = 1, uint? max = null)
    {
        Module.Imports.Add(new Import("m", "t" + Module.Imports.Count, ExternKind.Table) { Table = new TableType(elementType, new Limits(min, max)) });
        return (uint)Module.ImportedTableCount++;
    }

    /// <summary>Imports a memory; returns its memory index.</summary>
    public uint ImportMemory(uint min = 1, uint? max = null)
    {
        Module.Imports.Add(new Import("m", "mem" + Module.Imports.Count, ExternKind.Memory) { Memory = new MemoryType(new Limits(min, max)) });
        return (uint)Module.ImportedMemoryCount++;
    }

    /// <summary>Defines a function of type [<paramref name="parameters"/>] -> [<paramref name="results"/>]; the final end is appended.</summary>
    public uint Func(ValueKind[] parameters, ValueKind[] results, params Instruction[] code) =>
        Func(Type(parameters, results), [], code);

    /// <summary>Defines a function [] -> [] with the given body; the final end is appended.</summary>
    public uint Func(params Instruction[] code) => Func(Type([], []), [], code);

    /// <summary>Defines a function with locals; the final end is appended.</summary>
    public uint Func(uint typeIndex, LocalRun[] locals, params Instruction[] code) =>
        FuncRaw(typeIndex, locals, [.. code, Op.End]);

    /// <summary>Defines a function whose body is exactly <paramref name="code"/> (no end appended).</summary>
    public uint FuncRaw(uint typeIndex, LocalRun[] locals, Instruction[] code)
    {
        int defined = Module.Functions.Count;
        var placed = new Instruction[code.Length];
        for (int i = 0; i < code.Length; i++)
        {
            var c = code[i];
            placed[i] = new Instruction(c.Opcode, OffsetOf(defined, i), c.A, c.B, c.C, c.D, c.Labels);
        }

        Module.Functions.Add(typeIndex);
        Module.Bodies.Add(new FunctionBody(locals, placed, OffsetOf(defined, 0) - 1));
        return (uint)(Module.ImportedFunctionCount + defined);
    }

    /// <summary>Defines a memory.</summary>
    public ModuleBuilder Memory(uint min = 1, uint? max = null)
    {
        Module.Memories.Add(new MemoryType(new Limits(min, max)));
        return this;
    }

    /// <summary>Defines a table; returns its table index.</summary>
    public uint Table(ValueKind elementType = ValueKind.FuncRef, uint min = 1, uint? max = null)
    {
        Module.Tables.Add(new TableType(elementType, new Limits(min, max)));
        return (uint)(Module.TotalTableCount - 1);
    }

    /// <summary>Defines a global whose initializer is <paramref name="init"/> (end appended); returns its index.</summary>
    public uint Global(ValueKind type, bool mutable, params Instruction[] init)
    {
        Module.Globals.Add(new GlobalDefinition(new GlobalType(type, mutable), [.. init, Op.End]));
        return (uint)(Module.TotalGlobalCount - 1);
    }

    /// <summary>Adds an export.</summary>
    public ModuleBuilder Export(string name, ExternKind kind, uint index)
    {
        Module.Exports.Add(new Export(name, kind, index));
        return this;
    }

    /// <summary>Adds an element segment whose items are <c>ref.func i</c> for each index.</summary>
    public uint ElemFuncs(SegmentMode mode, uint table, Instruction[]? offset, params uint[] functions)
    {
        var items = new Instruction[functions.Length][];
        for (int i = 0; i < functions.Length; i++) items[i] = [Op.RefFunc(functions[i]), Op.End];
        return Elem(mode, ValueKind.FuncRef, table, offset, items);
    }

    /// <summary>Adds an element segment; <paramref name="offset"/> and items are given without their end.</summary>
    public uint Elem(SegmentMode mode, ValueKind type, uint table, Instruction[]? offset, params Instruction[][] items)
    {
        var ended = new Instruction[items.Length][];
        for (int i = 0; i < items.Length; i++)
        {
            var item = items[i];
            ended[i] = item.Length > 0 && item[^1].Opcode == Opcode.End ? item : [.. item, Op.End];
        }

        Module.Elements.Add(new ElementSegment(mode, type, table, offset is null ? null : [.. offset, Op.End], ended));
        return (uint)(Module.Elements.Count - 1);
    }

    /// <summary>Adds a three-byte data segment (offset given without its end) and keeps DataCount in step.</summary>
    public uint Data(SegmentMode mode, uint memory = 0, params Instruction[] offset)
    {
        Module.Data.Add(new DataSegment(mode, memory, mode == SegmentMode.Active ? [.. offset, Op.End] : null, [1, 2, 3]));
        Module.DataCount = (uint)Module.Data.Count;
        return (uint)(Module.Data.Count - 1);
    }

    /// <summary>Sets the start function.</summary>
    public ModuleBuilder Start(uint function)
    {
        Module.StartFunction = function;
        return this;
    }
}
