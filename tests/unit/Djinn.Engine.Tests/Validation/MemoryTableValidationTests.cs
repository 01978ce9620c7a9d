using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Memory, table, reference and bulk instructions.</summary>
public sealed class MemoryTableValidationTests
{
    private static ModuleBuilder WithMemory(ValueKind[] results, params Instruction[] code)
    {
        var builder = new ModuleBuilder().Memory();
        builder.Func([], results, code);
        return builder;
    }

    [Theory]
    [InlineData((ushort)Opcode.I32Load, I32, 2u)]
    [InlineData((ushort)Opcode.I64Load, I64, 3u)]
    [InlineData((ushort)Opcode.F32Load, F32, 2u)]
    [InlineData((ushort)Opcode.F64Load, F64, 3u)]
    [InlineData((ushort)Opcode.I32Load8U, I32, 0u)]
    [InlineData((ushort)Opcode.I32Load16S, I32, 1u)]
    [InlineData((ushort)Opcode.I64Load8S, I64, 0u)]
    [InlineData((ushort)Opcode.I64Load16U, I64, 1u)]
    [InlineData((ushort)Opcode.I64Load32S, I64, 2u)]
    public void Loads(ushort op, ValueKind type, uint naturalAlign)
    {
        var opcode = (Opcode)op;
        Valid(WithMemory([type], Op.I32(0), Op.Mem(opcode, naturalAlign, 16)));
        Valid(WithMemory([type], Op.I32(0), Op.Mem(opcode, 0)));
        InvalidAt(WithMemory([type], Op.I32(0), Op.Mem(opcode, naturalAlign + 1)), "alignment must not be larger than natural", 0, 1);
        InvalidAt(WithMemory([type], Op.I64(0), Op.Mem(opcode, 0)), "type mismatch", 0, 1);
        InvalidAt(Single([], [type], Op.I32(0), Op.Mem(opcode, 0)), "unknown memory 0", 0, 1);
    }

    [Theory]
    [InlineData((ushort)Opcode.I32Store, I32, 2u)]
    [InlineData((ushort)Opcode.I64Store, I64, 3u)]
    [InlineData((ushort)Opcode.F32Store, F32, 2u)]
    [InlineData((ushort)Opcode.F64Store, F64, 3u)]
    [InlineData((ushort)Opcode.I32Store8, I32, 0u)]
    [InlineData((ushort)Opcode.I32Store16, I32, 1u)]
    [InlineData((ushort)Opcode.I64Store8, I64, 0u)]
    [InlineData((ushort)Opcode.I64Store16, I64, 1u)]
    [InlineData((ushort)Opcode.I64Store32, I64, 2u)]
    public void Stores(ushort op, ValueKind type, uint naturalAlign)
    {
        var opcode = (Opcode)op;
        var value = type switch { I32 => Op.I32(1), I64 => Op.I64(1), F32 => Op.F32(1), _ => Op.F64(1) };
        var wrongValue = type == I32 ? Op.F64(1) : Op.I32(1);
        Valid(WithMemory([], Op.I32(0), value, Op.Mem(opcode, naturalAlign)));
        InvalidAt(WithMemory([], Op.I32(0), value, Op.Mem(opcode, naturalAlign + 1)), "alignment must not be larger than natural", 0, 2);
        InvalidAt(WithMemory([], Op.I32(0), wrongValue, Op.Mem(opcode, 0)), "type mismatch", 0, 2);
        if (type != I32) InvalidAt(WithMemory([], value, Op.I32(0), Op.Mem(opcode, 0)), "type mismatch", 0, 2);
        InvalidAt(Single([], [], Op.I32(0), value, Op.Mem(opcode, 0)), "unknown memory", 0, 2);
    }

    [Fact]
    public void MemorySizeAndGrow()
    {
        Valid(WithMemory([I32], Op.Of(Opcode.MemorySize), Op.Of(Opcode.MemoryGrow)));
        InvalidAt(WithMemory([I32], Op.I64(1), Op.Of(Opcode.MemoryGrow)), "type mismatch", 0, 1);
        InvalidAt(Single([], [I32], Op.Of(Opcode.MemorySize)), "unknown memory", 0, 0);
        InvalidAt(Single([], [I32], Op.I32(1), Op.Of(Opcode.MemoryGrow)), "unknown memory", 0, 1);

        var imported = new ModuleBuilder();
        imported.ImportMemory();
        imported.Func([], [I32], Op.Of(Opcode.MemorySize));
        Valid(imported);
    }

    [Fact]
    public void BulkMemory()
    {
        Valid(WithMemory([], Op.I32(0), Op.I32(0), Op.I32(0), Op.Of(Opcode.MemoryFill),
            Op.I32(0), Op.I32(0), Op.I32(0), Op.Of(Opcode.MemoryCopy)));
        InvalidAt(WithMemory([], Op.I32(0), Op.I64(0), Op.I32(0), Op.Of(Opcode.MemoryFill)), "type mismatch", 0, 3);
        InvalidAt(Single([], [], Op.I32(0), Op.I32(0), Op.I32(0), Op.Of(Opcode.MemoryCopy)), "unknown memory 0", 0, 3);
    }

    [Fact]
    public void MemoryInitAndDataDropNeedTheSegment()
    {
        var builder = new ModuleBuilder().Memory();
        builder.Data(SegmentMode.Passive);
        builder.Func(Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.MemoryInit, 0), Op.Of(Opcode.DataDrop, 0));
        Valid(builder);

        var unknown = new ModuleBuilder().Memory();
        unknown.Data(SegmentMode.Passive);
        unknown.Func(Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.MemoryInit, 1));
        InvalidAt(unknown, "unknown data segment 1", 0, 3);

        InvalidAt(Single([], [], Op.Of(Opcode.DataDrop, 0)), "unknown data segment", 0, 0);

        // The memory is checked before the segment, as in the reference interpreter.
        InvalidAt(Single([], [], Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.MemoryInit, 1)), "unknown memory 0", 0, 3);
    }

    [Fact]
    public void TableAccess()
    {
        var builder = new ModuleBuilder();
        uint funcs = builder.Table(FuncRef);
        uint externs = builder.Table(ExternRef);
        builder.Func([], [I32],
            Op.I32(0), Op.Of(Opcode.TableGet, funcs), Op.Drop,
            Op.I32(0), Op.RefNull(ExternRef), Op.Of(Opcode.TableSet, externs),
            Op.RefNull(FuncRef), Op.I32(1), Op.Of(Opcode.TableGrow, funcs), Op.Drop,
            Op.I32(0), Op.RefNull(ExternRef), Op.I32(1), Op.Of(Opcode.TableFill, externs),
            Op.Of(Opcode.TableSize, externs));
        Valid(builder);
    }

    [Fact]
    public void TableAccessChecksTypes()
    {
        var builder = new ModuleBuilder();
        builder.Table(FuncRef);
        builder.Func(Op.I32(0), Op.RefNull(ExternRef), Op.Of(Opcode.TableSet, 0));
        InvalidAt(builder, "type mismatch", 0, 2);

        var grow = new ModuleBuilder();
        grow.Table(ExternRef);
        grow.Func([], [I32], Op.I32(1), Op.RefNull(ExternRef), Op.Of(Opcode.TableGrow, 0));
        InvalidAt(grow, "type mismatch", 0, 2);

        var get = new ModuleBuilder();
        get.Table(ExternRef);
        get.Func([], [FuncRef], Op.I32(1), Op.Of(Opcode.TableGet, 0));
        InvalidAt(get, "type mismatch", 0, 2);
    }

    [Theory]
    [InlineData((ushort)Opcode.TableSize)]
    [InlineData((ushort)Opcode.TableGet)]
    [InlineData((ushort)Opcode.TableSet)]
    [InlineData((ushort)Opcode.TableGrow)]
    [InlineData((ushort)Opcode.TableFill)]
    public void TableInstructionsNeedTheTable(ushort op) =>
        InvalidAt(Single([], [], Op.Unreachable, Op.Of((Opcode)op, 0), Op.Unreachable), "unknown table 0", 0, 1);

    [Fact]
    public void TableCopyNeedsMatchingElementTypes()
    {
        var builder = new ModuleBuilder();
        builder.Table(FuncRef);
        builder.Table(ExternRef);
        builder.Table(FuncRef);
        builder.Func(Op.I32(0), Op.I32(0), Op.I32(0), Op.Of(Opcode.TableCopy, 2, 0));
        Valid(builder);

        var bad = new ModuleBuilder();
        bad.Table(FuncRef);
        bad.Table(ExternRef);
        bad.Func(Op.I32(0), Op.I32(0), Op.I32(0), Op.Of(Opcode.TableCopy, 0, 1));
        InvalidAt(bad, "type mismatch", 0, 3);

        var missing = new ModuleBuilder();
        missing.Table(FuncRef);
        missing.Func(Op.I32(0), Op.I32(0), Op.I32(0), Op.Of(Opcode.TableCopy, 0, 1));
        InvalidAt(missing, "unknown table 1", 0, 3);
    }

    [Fact]
    public void TableInitAndElemDrop()
    {
        var builder = new ModuleBuilder();
        builder.Table(FuncRef);
        uint f = builder.Func(Op.Nop);
        uint seg = builder.ElemFuncs(SegmentMode.Passive, 0, null, f);
        builder.Func(Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.TableInit, seg, 0), Op.Of(Opcode.ElemDrop, seg));
        Valid(builder);

        var mismatch = new ModuleBuilder();
        mismatch.Table(ExternRef);
        mismatch.Elem(SegmentMode.Passive, FuncRef, 0, null, [Op.RefNull(FuncRef)]);
        mismatch.Func(Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.TableInit, 0, 0));
        InvalidAt(mismatch, "type mismatch", 0, 3);

        // table.init reports the missing table before the missing segment.
        InvalidAt(Single([], [], Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.TableInit, 4, 0)), "unknown table 0", 0, 3);

        var noSegment = new ModuleBuilder();
        noSegment.Table(FuncRef);
        noSegment.Func(Op.I32(0), Op.I32(0), Op.I32(1), Op.Of(Opcode.TableInit, 4, 0));
        InvalidAt(noSegment, "unknown elem segment 4", 0, 3);

        InvalidAt(Single([], [], Op.Of(Opcode.ElemDrop, 0)), "unknown elem segment 0", 0, 0);
    }

    [Fact]
    public void RefNullAndIsNull()
    {
        Valid(Single([], [I32], Op.RefNull(ExternRef), Op.RefIsNull));
        Valid(Single([], [FuncRef], Op.RefNull(FuncRef)));
        InvalidAt(Single([], [I32], Op.I32(0), Op.RefIsNull), "type mismatch", 0, 1);
        InvalidAt(Single([], [ExternRef], Op.RefNull(FuncRef)), "type mismatch", 0, 1);
    }

    [Fact]
    public void RefFuncMustBeDeclared()
    {
        var undeclared = new ModuleBuilder();
        uint f = undeclared.Func(Op.RefFunc(0), Op.Drop);
        undeclared.Start(f);
        InvalidAt(undeclared, "undeclared function reference", 0, 0);

        InvalidAt(Single([], [], Op.RefFunc(3), Op.Drop), "unknown function 3", 0, 0);
    }

    [Fact]
    public void RefFuncDeclaredByExportElementOrGlobal()
    {
        var byExport = new ModuleBuilder();
        uint f = byExport.Func([], [FuncRef], Op.RefFunc(0));
        byExport.Export("f", ExternKind.Function, f);
        Valid(byExport);

        var byDeclarativeElem = new ModuleBuilder();
        uint g = byDeclarativeElem.Func([], [FuncRef], Op.RefFunc(0));
        byDeclarativeElem.ElemFuncs(SegmentMode.Declarative, 0, null, g);
        Valid(byDeclarativeElem);

        var byGlobal = new ModuleBuilder();
        byGlobal.Global(FuncRef, false, Op.RefFunc(1));
        byGlobal.Func([], [FuncRef], Op.RefFunc(1));
        byGlobal.Func(Op.Nop);
        Valid(byGlobal);

        var byImport = new ModuleBuilder();
        uint imported = byImport.ImportFunc(byImport.Type([], []));
        byImport.Export("i", ExternKind.Function, imported);
        byImport.Func([], [FuncRef], Op.RefFunc(imported));
        Valid(byImport);
    }
}
