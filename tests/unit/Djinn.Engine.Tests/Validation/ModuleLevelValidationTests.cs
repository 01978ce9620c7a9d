using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Types, imports, limits, exports, the start function and segments.</summary>
public sealed class ModuleLevelValidationTests
{
    [Fact]
    public void EmptyModuleIsValid() => Valid(new ModuleBuilder());

    [Fact]
    public void FunctionWithUnknownType()
    {
        var builder = new ModuleBuilder();
        builder.Func(5, [], Op.Nop);
        InvalidModule(builder, "unknown type");
    }

    [Fact]
    public void ImportedFunctionWithUnknownType()
    {
        var builder = new ModuleBuilder();
        builder.Type([], [I32]);
        builder.ImportFunc(1);
        InvalidModule(builder, "unknown type");
    }

    [Fact]
    public void AtMostOneMemory()
    {
        Valid(new ModuleBuilder().Memory());
        InvalidModule(new ModuleBuilder().Memory().Memory(), "multiple memories");

        var importedAndDefined = new ModuleBuilder();
        importedAndDefined.ImportMemory();
        importedAndDefined.Memory();
        InvalidModule(importedAndDefined, "multiple memories");
    }

    [Theory]
    [InlineData(0u, null)]
    [InlineData(65536u, null)]
    [InlineData(0u, 65536u)]
    [InlineData(7u, 7u)]
    public void ValidMemoryLimits(uint min, uint? max) => Valid(new ModuleBuilder().Memory(min, max));

    [Theory]
    [InlineData(65537u, null)]
    [InlineData(0u, 65537u)]
    [InlineData(uint.MaxValue, null)]
    [InlineData(0u, uint.MaxValue)]
    public void MemoryLimitsAreAtMost4GiB(uint min, uint? max) =>
        InvalidModule(new ModuleBuilder().Memory(min, max), "memory size must be at most 65536 pages (4GiB)");

    [Fact]
    public void MinimumMustNotExceedMaximum()
    {
        InvalidModule(new ModuleBuilder().Memory(2, 1), "size minimum must not be greater than maximum");

        var table = new ModuleBuilder();
        table.Table(FuncRef, 10, 9);
        InvalidModule(table, "size minimum must not be greater than maximum");

        var importedMemory = new ModuleBuilder();
        importedMemory.ImportMemory(70000);
        InvalidModule(importedMemory, "memory size must be at most 65536 pages (4GiB)");

        var importedTable = new ModuleBuilder();
        importedTable.ImportTable(ExternRef, 3, 2);
        InvalidModule(importedTable, "size minimum must not be greater than maximum");
    }

    [Fact]
    public void TablesMayBeLargeAndNumerous()
    {
        var builder = new ModuleBuilder();
        builder.Table(FuncRef, 0, uint.MaxValue);
        builder.Table(ExternRef, uint.MaxValue, null);
        builder.ImportTable(FuncRef);
        Valid(builder);
    }

    [Fact]
    public void Exports()
    {
        var builder = new ModuleBuilder().Memory();
        uint f = builder.Func(Op.Nop);
        uint t = builder.Table();
        uint g = builder.Global(I32, true, Op.I32(0));
        builder.Export("f", ExternKind.Function, f).Export("t", ExternKind.Table, t)
            .Export("m", ExternKind.Memory, 0).Export("g", ExternKind.Global, g);
        Valid(builder);
    }

    [Theory]
    [InlineData(ExternKind.Function, "unknown function")]
    [InlineData(ExternKind.Table, "unknown table")]
    [InlineData(ExternKind.Memory, "unknown memory")]
    [InlineData(ExternKind.Global, "unknown global")]
    public void ExportOfUnknownItem(ExternKind kind, string cause) =>
        InvalidModule(new ModuleBuilder().Export("x", kind, 0), cause);

    [Fact]
    public void DuplicateExportName()
    {
        var builder = new ModuleBuilder().Memory();
        uint f = builder.Func(Op.Nop);
        builder.Export("a", ExternKind.Function, f).Export("a", ExternKind.Memory, 0);
        InvalidModule(builder, "duplicate export name");

        var distinct = new ModuleBuilder();
        uint g = distinct.Func(Op.Nop);
        distinct.Export("a", ExternKind.Function, g).Export("A", ExternKind.Function, g);
        Valid(distinct);
    }

    [Fact]
    public void StartFunction()
    {
        var ok = new ModuleBuilder();
        ok.Start(ok.Func(Op.Nop));
        Valid(ok);

        var unknown = new ModuleBuilder();
        unknown.Func(Op.Nop);
        unknown.Start(1);
        InvalidModule(unknown, "unknown function");

        var withResult = new ModuleBuilder();
        withResult.Start(withResult.Func([], [I32], Op.I32(0)));
        InvalidModule(withResult, "start function");

        var withParam = new ModuleBuilder();
        withParam.Start(withParam.Func([I32], []));
        InvalidModule(withParam, "start function");

        var imported = new ModuleBuilder();
        imported.Start(imported.ImportFunc(imported.Type([], [])));
        Valid(imported);
    }

    [Fact]
    public void InconsistentFunctionAndCodeSections()
    {
        var builder = new ModuleBuilder();
        builder.Func(Op.Nop);
        builder.Module.Functions.Add(0);
        InvalidModule(builder, "function and code section have inconsistent lengths");
    }

    [Fact]
    public void ActiveElementSegments()
    {
        var builder = new ModuleBuilder();
        uint table = builder.Table();
        uint f = builder.Func(Op.Nop);
        builder.ElemFuncs(SegmentMode.Active, table, [Op.I32(0)], f, f);
        builder.Elem(SegmentMode.Active, FuncRef, table, [Op.I32(1)], [Op.RefNull(FuncRef)]);
        Valid(builder);
    }

    [Fact]
    public void ElementSegmentNeedsItsTable()
    {
        var builder = new ModuleBuilder();
        uint f = builder.Func(Op.Nop);
        builder.ElemFuncs(SegmentMode.Active, 0, [Op.I32(0)], f);
        InvalidModule(builder, "unknown table");
    }

    [Fact]
    public void ElementSegmentTypeMustMatchTheTable()
    {
        var builder = new ModuleBuilder();
        builder.Table(ExternRef);
        uint f = builder.Func(Op.Nop);
        builder.ElemFuncs(SegmentMode.Active, 0, [Op.I32(0)], f);
        InvalidModule(builder, "type mismatch");
    }

    [Fact]
    public void ElementItemsMustHaveTheSegmentType()
    {
        var builder = new ModuleBuilder();
        builder.Elem(SegmentMode.Passive, ExternRef, 0, null, [Op.RefNull(FuncRef)]);
        InvalidModule(builder, "type mismatch");

        var call = new ModuleBuilder();
        call.Table();
        uint f = call.Func([], [FuncRef], Op.RefNull(FuncRef));
        call.Elem(SegmentMode.Active, FuncRef, 0, [Op.I32(0)], [Op.Call(f)]);
        InvalidModule(call, "constant expression required");

        var unknownFunction = new ModuleBuilder();
        unknownFunction.ElemFuncs(SegmentMode.Passive, 0, null, 7);
        InvalidModule(unknownFunction, "unknown function 7");
    }

    [Fact]
    public void ElementOffsetMustBeAnI32ConstantExpression()
    {
        var builder = new ModuleBuilder();
        builder.Table();
        builder.ElemFuncs(SegmentMode.Active, 0, [Op.I64(0)]);
        InvalidModule(builder, "type mismatch");

        var notConst = new ModuleBuilder();
        notConst.Table();
        notConst.ElemFuncs(SegmentMode.Active, 0, [Op.I32(0), Op.Of(Opcode.I32Ctz)]);
        InvalidModule(notConst, "constant expression required");
    }

    [Fact]
    public void DataSegments()
    {
        var builder = new ModuleBuilder().Memory();
        builder.Data(SegmentMode.Active, 0, Op.I32(8));
        builder.Data(SegmentMode.Passive);
        Valid(builder);

        var noMemory = new ModuleBuilder();
        noMemory.Data(SegmentMode.Active, 0, Op.I32(0));
        InvalidModule(noMemory, "unknown memory 0");

        var memoryOne = new ModuleBuilder().Memory();
        memoryOne.Data(SegmentMode.Active, 1, Op.I32(0));
        InvalidModule(memoryOne, "unknown memory 1");

        var wrongOffset = new ModuleBuilder().Memory();
        wrongOffset.Data(SegmentMode.Active, 0, Op.F32(0));
        InvalidModule(wrongOffset, "type mismatch");

        var passiveWithoutMemory = new ModuleBuilder();
        passiveWithoutMemory.Data(SegmentMode.Passive);
        Valid(passiveWithoutMemory);
    }
}
