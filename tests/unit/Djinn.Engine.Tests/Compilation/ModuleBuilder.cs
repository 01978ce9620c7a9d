using Djinn.Engine.Model;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>Builds decoded modules by hand so the compiler can be tested without the decoder or text parser.</summary>
internal sealed class ModuleBuilder
{
    private readonly ModuleDefinition _module = new();

    public ModuleBuilder Memory(uint min, uint? max = null)
    {
        _module.Memories.Add(new MemoryType(new Limits(min, max)));
        return this;
    }

    public ModuleBuilder Table(uint min)
    {
        _module.Tables.Add(new TableType(ValueKind.FuncRef, new Limits(min, null)));
        return this;
    }

    public int Type(ValueKind[] ps, ValueKind[] rs)
    {
        _module.Types.Add(new FuncType(ps, rs));
        return _module.Types.Count - 1;
    }

    public int Function(ValueKind[] ps, ValueKind[] rs, string? export, ValueKind[] locals, params Instruction[] code)
    {
        int type = Type(ps, rs);
        _module.Functions.Add((uint)type);
        var runs = locals.Select(l => new LocalRun(1, l)).ToArray();
        _module.Bodies.Add(new FunctionBody(runs, [.. code, I(Opcode.End)], 0));
        int index = _module.ImportedFunctionCount + _module.Functions.Count - 1;
        if (export is not null) _module.Exports.Add(new Export(export, ExternKind.Function, (uint)index));
        return index;
    }

    public ModuleBuilder Elements(uint offset, params uint[] functions)
    {
        _module.Elements.Add(new ElementSegment(SegmentMode.Active, ValueKind.FuncRef, 0,
            [I(Opcode.I32Const, offset), I(Opcode.End)],
            functions.Select(f => new[] { I(Opcode.RefFunc, f), I(Opcode.End) }).ToArray()));
        return this;
    }

    public ModuleBuilder ExportMemory(string name)
    {
        _module.Exports.Add(new Export(name, ExternKind.Memory, 0));
        return this;
    }

    public ModuleBuilder Global(ValueKind type, bool mutable, string? export, params Instruction[] init)
    {
        _module.Globals.Add(new GlobalDefinition(new GlobalType(type, mutable), [.. init, I(Opcode.End)]));
        if (export is not null) _module.Exports.Add(new Export(export, ExternKind.Global, (uint)(_module.Globals.Count - 1)));
        return this;
    }

    /// <summary>Imports a function; call before defining any function so indexes stay in order.</summary>
    public int ImportFunction(string module, string name, ValueKind[] ps, ValueKind[] rs)
    {
        int type = Type(ps, rs);
        _module.Imports.Add(new Import(module, name, ExternKind.Function) { FunctionTypeIndex = (uint)type });
        _module.ImportedFunctionCount++;
        return _module.ImportedFunctionCount - 1;
    }

    public ModuleDefinition Build() => _module;

    public static Instruction I(Opcode op, uint a = 0, uint b = 0, ulong c = 0, uint[]? labels = null) => new(op, 0, a, b, c, 0, labels);

    /// <summary>An instruction with a 16-byte immediate (v128.const, i8x16.shuffle): bytes 0–7 in C, 8–15 in D.</summary>
    public static Instruction V(Opcode op, ulong low, ulong high) => new(op, 0, 0, 0, low, high);
}
