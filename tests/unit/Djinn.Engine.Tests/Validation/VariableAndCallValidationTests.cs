using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Locals, globals, calls and select.</summary>
public sealed class VariableAndCallValidationTests
{
    [Fact]
    public void LocalsCoverParamsThenDeclaredRuns()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([I32], [F64]);
        builder.Func(t, [new LocalRun(2, I64), new LocalRun(1, F64)],
            Op.LocalGet(0), Op.Drop, Op.LocalGet(2), Op.LocalSet(1), Op.LocalGet(3), Op.LocalTee(3));
        Valid(builder);
    }

    [Fact]
    public void UnknownLocal()
    {
        var builder = new ModuleBuilder();
        builder.Func(builder.Type([I32], []), [new LocalRun(1, I64)], Op.LocalGet(2), Op.Drop);
        InvalidAt(builder, "unknown local", 0, 0);
        InvalidAt(Single([], [], Op.I32(0), Op.LocalSet(0)), "unknown local", 0, 1);
        InvalidAt(Single([], [I32], Op.I32(0), Op.LocalTee(0)), "unknown local", 0, 1);
    }

    [Fact]
    public void LocalSetAndTeeCheckTheType()
    {
        InvalidAt(Single([I32], [], Op.I64(0), Op.LocalSet(0)), "type mismatch", 0, 1);
        InvalidAt(Single([I32], [I64], Op.I32(0), Op.LocalTee(0)), "type mismatch", 0, 2);
    }

    [Fact]
    public void ManyLocalsUseTheRunSearch()
    {
        // 200k declared locals exceed the flat table; lookups must still find each run.
        var builder = new ModuleBuilder();
        uint t = builder.Type([F32], [I64]);
        builder.Func(t, [new LocalRun(100_000, I32), new LocalRun(100_000, I64), new LocalRun(3, F64)],
            Op.LocalGet(0), Op.Drop, Op.LocalGet(100_000), Op.Drop, Op.LocalGet(100_001), Op.Drop,
            Op.LocalGet(200_003), Op.Drop, Op.LocalGet(200_000));
        Valid(builder);

        var bad = new ModuleBuilder();
        uint t2 = bad.Type([F32], [I64]);
        bad.Func(t2, [new LocalRun(100_000, I32), new LocalRun(100_000, I64)], Op.LocalGet(200_001));
        InvalidAt(bad, "unknown local", 0, 0);

        var wrong = new ModuleBuilder();
        uint t3 = wrong.Type([F32], [I64]);
        wrong.Func(t3, [new LocalRun(100_000, I32), new LocalRun(100_000, I64)], Op.LocalGet(100_000));
        InvalidAt(wrong, "type mismatch", 0, 1);
    }

    [Fact]
    public void Globals()
    {
        var builder = new ModuleBuilder();
        builder.ImportGlobal(I64);
        uint g = builder.Global(F32, mutable: true, Op.F32(0));
        builder.Func([], [I64], Op.F32(1), Op.GlobalSet(g), Op.GlobalGet(0));
        Valid(builder);
    }

    [Fact]
    public void UnknownGlobal()
    {
        var builder = new ModuleBuilder();
        builder.ImportGlobal(I32);
        builder.Func([], [I32], Op.GlobalGet(1));
        InvalidAt(builder, "unknown global 1", 0, 0);
        InvalidAt(Single([], [], Op.I32(0), Op.GlobalSet(0)), "unknown global", 0, 1);
    }

    [Fact]
    public void ImmutableGlobalCannotBeSet()
    {
        var builder = new ModuleBuilder();
        uint g = builder.Global(F32, mutable: false, Op.F32(0));
        builder.Func(Op.F32(1), Op.GlobalSet(g));
        InvalidAt(builder, "global is immutable", 0, 1);

        var imported = new ModuleBuilder();
        imported.ImportGlobal(I32);
        imported.Func(Op.I32(1), Op.GlobalSet(0));
        InvalidAt(imported, "global is immutable", 0, 1);
    }

    [Fact]
    public void GlobalSetChecksTheValueType()
    {
        var builder = new ModuleBuilder();
        builder.ImportGlobal(I32, mutable: true);
        builder.Func(Op.I64(1), Op.GlobalSet(0));
        InvalidAt(builder, "type mismatch", 0, 1);
    }

    [Fact]
    public void CallChecksParamsAndPushesResults()
    {
        var builder = new ModuleBuilder();
        uint callee = builder.ImportFunc(builder.Type([I32, F64], [I64, I32]));
        builder.Func([], [I64, I32], Op.I32(1), Op.F64(2), Op.Call(callee));
        Valid(builder);

        var bad = new ModuleBuilder();
        uint callee2 = bad.ImportFunc(bad.Type([I32, F64], [I64]));
        bad.Func([], [I64], Op.F64(2), Op.I32(1), Op.Call(callee2));
        InvalidAt(bad, "type mismatch", 0, 2);
    }

    [Fact]
    public void CallToUnknownFunction() =>
        InvalidAt(Single([], [], Op.Call(1)), "unknown function 1", 0, 0);

    [Fact]
    public void CallIndirect()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([I32], [I64]);
        builder.Table();
        builder.Func([], [I64], Op.I32(5), Op.I32(0), Op.CallIndirect(t));
        Valid(builder);
    }

    [Fact]
    public void CallIndirectNeedsAFuncrefTableAndAKnownType()
    {
        var noTable = new ModuleBuilder();
        uint t = noTable.Type([], []);
        noTable.Func(Op.I32(0), Op.CallIndirect(t));
        InvalidAt(noTable, "unknown table", 0, 1);

        var externTable = new ModuleBuilder();
        uint t2 = externTable.Type([], []);
        externTable.Table(ExternRef);
        externTable.Func(Op.I32(0), Op.CallIndirect(t2));
        InvalidAt(externTable, "type mismatch", 0, 1);

        var unknownType = new ModuleBuilder();
        unknownType.Table();
        unknownType.Func(Op.I32(0), Op.CallIndirect(7));
        InvalidAt(unknownType, "unknown type", 0, 1);

        var secondTable = new ModuleBuilder();
        uint t3 = secondTable.Type([], []);
        secondTable.Table(ExternRef);
        uint table = secondTable.Table();
        secondTable.Func(Op.I32(0), Op.CallIndirect(t3, table));
        Valid(secondTable);
    }

    [Fact]
    public void CallIndirectNeedsAnI32Index()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([], []);
        builder.Table();
        builder.Func(Op.I64(0), Op.CallIndirect(t));
        InvalidAt(builder, "type mismatch", 0, 1);
    }

    [Fact]
    public void UntypedSelectOnNumericOperands()
    {
        Valid(Single([], [F64], Op.F64(1), Op.F64(2), Op.I32(0), Op.Select));
        InvalidAt(Single([], [I32], Op.I32(1), Op.I64(2), Op.I32(0), Op.Select), "type mismatch", 0, 3);
        InvalidAt(Single([], [I32], Op.I32(1), Op.I32(2), Op.I64(0), Op.Select), "type mismatch", 0, 3);
    }

    [Fact]
    public void UntypedSelectRejectsReferences()
    {
        InvalidAt(Single([], [], Op.RefNull(FuncRef), Op.RefNull(FuncRef), Op.I32(0), Op.Select, Op.Drop), "type mismatch", 0, 3);
        InvalidAt(Single([], [], Op.Unreachable, Op.RefNull(ExternRef), Op.I32(0), Op.Select, Op.Drop), "type mismatch", 0, 3);
        Valid(Single([], [ValueKind.V128], Op.LocalGet(0), Op.LocalGet(0), Op.I32(0), Op.Select).WithParam(ValueKind.V128));
    }

    [Fact]
    public void TypedSelect()
    {
        Valid(Single([], [FuncRef], Op.RefNull(FuncRef), Op.RefNull(FuncRef), Op.I32(0), Op.SelectT(FuncRef)));
        Valid(Single([], [I32], Op.I32(1), Op.I32(2), Op.I32(0), Op.SelectT(I32)));
        InvalidAt(Single([], [ExternRef], Op.RefNull(FuncRef), Op.RefNull(ExternRef), Op.I32(0), Op.SelectT(ExternRef)),
            "type mismatch", 0, 3);
        Valid(Single([], [ExternRef], Op.Unreachable, Op.SelectT(ExternRef)));
    }

    [Fact]
    public void TypedSelectNeedsExactlyOneType()
    {
        InvalidAt(Single([], [], Op.I32(0), Op.I32(0), Op.I32(1), Op.SelectTypes(), Op.Drop), "invalid result arity", 0, 3);
        InvalidAt(Single([], [I32, I32], Op.I32(0), Op.I32(0), Op.I32(0), Op.I32(0), Op.I32(1), Op.SelectTypes(I32, I32)),
            "invalid result arity", 0, 5);
        Valid(Single([], [I32], Op.I32(0), Op.I32(0), Op.I32(1), Op.SelectTypes(I32)));
    }

    [Fact]
    public void TypedSelectArityInTheDecoderEncoding()
    {
        // The decoder keeps the first type in A and the number of types in B.
        var one = new Instruction(Opcode.SelectTyped, -1, (uint)I64, 1);
        var none = new Instruction(Opcode.SelectTyped, -1, 0, 0);
        var two = new Instruction(Opcode.SelectTyped, -1, (uint)I32, 2);
        Valid(Single([], [I64], Op.I64(0), Op.I64(0), Op.I32(1), one));
        InvalidAt(Single([], [], Op.I32(0), Op.I32(0), Op.I32(1), none, Op.Drop), "invalid result arity", 0, 3);
        InvalidAt(Single([], [I32], Op.I32(0), Op.I32(0), Op.I32(1), two), "invalid result arity", 0, 3);
    }
}

/// <summary>Helpers for building single-function test modules.</summary>
internal static class ModuleBuilderTestExtensions
{
    /// <summary>Rebuilds the only function of <paramref name="builder"/> with one extra leading parameter.</summary>
    public static ModuleBuilder WithParam(this ModuleBuilder builder, ValueKind type)
    {
        var module = builder.Module;
        var old = module.Types[(int)module.Functions[0]];
        var parameters = new ValueKind[old.Parameters.Count + 1];
        parameters[0] = type;
        for (int i = 0; i < old.Parameters.Count; i++) parameters[i + 1] = old.Parameters[i];
        var results = new ValueKind[old.Results.Count];
        for (int i = 0; i < results.Length; i++) results[i] = old.Results[i];
        module.Functions[0] = builder.Type(parameters, results);
        return builder;
    }
}
