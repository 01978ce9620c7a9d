using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Constant expressions in global initializers and segment offsets (Wasm 2.0 rules).</summary>
public sealed class ConstExpressionValidationTests
{
    [Fact]
    public void ConstantsOfEveryType()
    {
        var builder = new ModuleBuilder();
        builder.Global(I32, false, Op.I32(1));
        builder.Global(I64, true, Op.I64(1));
        builder.Global(F32, false, Op.F32(1));
        builder.Global(F64, false, Op.F64(1));
        builder.Global(FuncRef, false, Op.RefNull(FuncRef));
        builder.Global(ExternRef, true, Op.RefNull(ExternRef));
        Valid(builder);
    }

    [Fact]
    public void InitializerTypeMustMatch()
    {
        var builder = new ModuleBuilder();
        builder.Global(I32, false, Op.I64(1));
        InvalidModule(builder, "type mismatch");

        var refs = new ModuleBuilder();
        refs.Global(ExternRef, false, Op.RefNull(FuncRef));
        InvalidModule(refs, "type mismatch");
    }

    [Fact]
    public void InitializerMustProduceExactlyOneValue()
    {
        var empty = new ModuleBuilder();
        empty.Global(I32, false);
        InvalidModule(empty, "type mismatch");

        var two = new ModuleBuilder();
        two.ImportGlobal(I32);
        two.Global(I32, false, Op.I32(0), Op.GlobalGet(0));
        InvalidModule(two, "type mismatch");
    }

    [Fact]
    public void NonConstantInstructionsAreRejected()
    {
        var neg = new ModuleBuilder();
        neg.Global(F32, false, Op.F32(0), Op.Of(Opcode.F32Neg));
        InvalidModule(neg, "constant expression required");

        var nop = new ModuleBuilder();
        nop.Global(I32, false, Op.Nop);
        InvalidModule(nop, "constant expression required");

        var trailing = new ModuleBuilder();
        trailing.Global(I32, false, Op.I32(0), Op.Nop);
        InvalidModule(trailing, "constant expression required");

        var local = new ModuleBuilder();
        local.Global(F32, false, Op.LocalGet(0));
        InvalidModule(local, "constant expression required");
    }

    [Fact]
    public void GlobalGetMayOnlyReadImmutableImports()
    {
        var ok = new ModuleBuilder();
        ok.ImportGlobal(I32);
        ok.Global(I32, false, Op.GlobalGet(0));
        ok.Memory();
        ok.Data(SegmentMode.Active, 0, Op.GlobalGet(0));
        Valid(ok);

        var defined = new ModuleBuilder();
        defined.Global(I32, false, Op.I32(0));
        defined.Global(I32, false, Op.GlobalGet(0));
        InvalidModule(defined, "unknown global");

        var self = new ModuleBuilder();
        self.Global(I32, false, Op.GlobalGet(0));
        InvalidModule(self, "unknown global 0");

        var beyond = new ModuleBuilder();
        beyond.ImportGlobal(I32);
        beyond.Global(I32, false, Op.GlobalGet(2));
        InvalidModule(beyond, "unknown global 2");

        var mutable = new ModuleBuilder();
        mutable.ImportGlobal(I32, mutable: true);
        mutable.Global(I32, false, Op.GlobalGet(0));
        InvalidModule(mutable, "constant expression required");

        var wrongType = new ModuleBuilder();
        wrongType.ImportGlobal(I64);
        wrongType.Global(I32, false, Op.GlobalGet(0));
        InvalidModule(wrongType, "type mismatch");
    }

    [Fact]
    public void SegmentOffsetsFollowTheSameRules()
    {
        var data = new ModuleBuilder().Memory();
        data.Global(I32, false, Op.I32(0));
        data.Data(SegmentMode.Active, 0, Op.GlobalGet(0));
        InvalidModule(data, "unknown global");

        var elem = new ModuleBuilder();
        elem.ImportGlobal(I32, mutable: true);
        elem.Table();
        elem.ElemFuncs(SegmentMode.Active, 0, [Op.GlobalGet(0)]);
        InvalidModule(elem, "constant expression required");
    }

    [Fact]
    public void RefFuncInInitializers()
    {
        var builder = new ModuleBuilder();
        builder.Global(FuncRef, false, Op.RefFunc(0));
        builder.Func(Op.Nop);
        Valid(builder);

        var unknown = new ModuleBuilder();
        unknown.ImportFunc(unknown.Type([], []));
        unknown.Global(FuncRef, false, Op.RefFunc(7));
        InvalidModule(unknown, "unknown function 7");
    }

    [Fact]
    public void ConstantnessIsCheckedBeforeTypes()
    {
        // (global i64 (i32.const 0) (i32.ctz)) — the non-constant instruction wins over the type error.
        var builder = new ModuleBuilder();
        builder.Global(I64, false, Op.I32(0), Op.Of(Opcode.I32Ctz));
        InvalidModule(builder, "constant expression required");
    }
}
