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
        int index = _module.Functions.Count - 1;
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

    public ModuleDefinition Build() => _module;

    public static Instruction I(Opcode op, uint a = 0, uint b = 0, ulong c = 0, uint[]? labels = null) => new(op, 0, a, b, c, 0, labels);
}
