using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Blocks, loops, if/else, branches and block types with parameters.</summary>
public sealed class ControlValidationTests
{
    [Fact]
    public void BlockWithResult() =>
        Valid(Single([], [I32], Op.Block(I32), Op.I32(1), Op.End));

    [Fact]
    public void BlockCannotSeeOuterOperands() =>
        InvalidAt(Single([], [I32], Op.I32(1), Op.Block(I32), Op.End), "type mismatch", 0, 2);

    [Fact]
    public void BlockWithParamsTakesThemFromTheStack()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([I32, I32], [I64]);
        builder.Func([], [I64], Op.I32(1), Op.I32(2), Op.BlockT(t), Op.Of(Opcode.I32Add), Op.Of(Opcode.I64ExtendI32U), Op.End);
        Valid(builder);
    }

    [Fact]
    public void BlockParamsOfWrongTypeAreInvalid()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([I32], [I32]);
        builder.Func([], [I32], Op.I64(1), Op.BlockT(t), Op.End);
        InvalidAt(builder, "type mismatch", 0, 1);
    }

    [Fact]
    public void UnknownBlockTypeIndex() =>
        InvalidAt(Single([], [], Op.BlockT(99), Op.End), "unknown type", 0, 0);

    [Fact]
    public void LoopLabelTakesTheParams()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([I32], [I64]);
        // br 0 inside the loop jumps back to its start, which expects the i32 parameter.
        builder.Func([], [I64], Op.I32(1), Op.LoopT(t), Op.I32(1), Op.BrIf(0), Op.Drop, Op.I64(0), Op.End);
        Valid(builder);

        var bad = new ModuleBuilder();
        uint t2 = bad.Type([I32], [I64]);
        bad.Func([], [I64], Op.I32(1), Op.LoopT(t2), Op.Drop, Op.I64(0), Op.Br(0), Op.End);
        InvalidAt(bad, "type mismatch", 0, 4);
    }

    [Fact]
    public void IfElseBranchesMustAgree()
    {
        Valid(Single([], [I32], Op.I32(1), Op.If(I32), Op.I32(2), Op.Else, Op.I32(3), Op.End));
        InvalidAt(Single([], [I32], Op.I32(1), Op.If(I32), Op.I32(2), Op.Else, Op.I64(3), Op.End), "type mismatch", 0, 5);
        InvalidAt(Single([], [I32], Op.I32(1), Op.If(I32), Op.I64(2), Op.Else, Op.I32(3), Op.End), "type mismatch", 0, 3);
    }

    [Fact]
    public void IfConditionMustBeI32() =>
        InvalidAt(Single([], [], Op.I64(1), Op.If(), Op.End), "type mismatch", 0, 1);

    [Fact]
    public void IfWithoutElseMustHaveEqualParamsAndResults()
    {
        InvalidAt(Single([], [I32], Op.I32(1), Op.If(I32), Op.I32(2), Op.End), "type mismatch", 0, 3);

        var builder = new ModuleBuilder();
        uint t = builder.Type([I32], [I32]);
        builder.Func([], [I32], Op.I32(5), Op.I32(1), Op.IfT(t), Op.I32(1), Op.Of(Opcode.I32Add), Op.End);
        Valid(builder);
    }

    [Fact]
    public void IfWithParamsFeedsBothBranches()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([I32, I32], [I32]);
        builder.Func([], [I32], Op.I32(1), Op.I32(2), Op.I32(1), Op.IfT(t), Op.Of(Opcode.I32Add), Op.Else,
            Op.Of(Opcode.I32Sub), Op.End);
        Valid(builder);
    }

    [Fact]
    public void MultiValueBlockResults()
    {
        var builder = new ModuleBuilder();
        uint t = builder.Type([], [I32, F64]);
        builder.Func([], [I32, F64], Op.BlockT(t), Op.I32(1), Op.F64(2), Op.End);
        Valid(builder);
    }

    [Fact]
    public void ElseWithoutIfIsRejected() =>
        InvalidAt(Single([], [], Op.Block(), Op.Else, Op.End), "else", 0, 1);

    [Fact]
    public void BrToUnknownLabel()
    {
        InvalidAt(Single([], [], Op.Br(1)), "unknown label", 0, 0);
        InvalidAt(Single([], [], Op.Block(), Op.I32(0), Op.BrIf(2), Op.End), "unknown label", 0, 2);
        InvalidAt(Single([], [], Op.Block(), Op.I32(0), Op.BrTable(0, 5), Op.End), "unknown label", 0, 2);
        InvalidAt(Single([], [], Op.Block(), Op.I32(0), Op.BrTable(3, 0), Op.End), "unknown label", 0, 2);
    }

    [Fact]
    public void BrCarriesTheLabelValues()
    {
        Valid(Single([], [I32], Op.Block(I32), Op.I32(1), Op.Br(0), Op.End));
        Valid(Single([], [I32], Op.I32(1), Op.Br(0)));
        InvalidAt(Single([], [I32], Op.Block(I32), Op.I64(1), Op.Br(0), Op.End), "type mismatch", 0, 2);
    }

    [Fact]
    public void BrMakesTheRestOfTheBlockPolymorphic() =>
        Valid(Single([], [I32], Op.Block(I32), Op.I32(1), Op.Br(0), Op.Of(Opcode.I64Add), Op.Drop, Op.I32(3), Op.End));

    [Fact]
    public void BrIfLeavesTheLabelTypesOnTheStack()
    {
        Valid(Single([], [I32], Op.Block(I32), Op.I32(1), Op.I32(0), Op.BrIf(0), Op.End));
        InvalidAt(Single([], [I32], Op.Block(I32), Op.I32(1), Op.BrIf(0), Op.End), "type mismatch", 0, 2);
        InvalidAt(Single([], [], Op.Block(), Op.I64(1), Op.BrIf(0), Op.End), "type mismatch", 0, 2);
    }

    [Fact]
    public void BrIfInUnreachableCodeProducesConcreteLabelTypes()
    {
        // After unreachable, br_if pops Unknown values but pushes the label's i32: f32.neg must then fail.
        InvalidAt(Single([], [], Op.Block(I32), Op.Unreachable, Op.BrIf(0), Op.Of(Opcode.F32Neg), Op.Drop,
            Op.Unreachable, Op.End, Op.Drop), "type mismatch", 0, 3);
        Valid(Single([], [], Op.Block(I32), Op.Unreachable, Op.BrIf(0), Op.Of(Opcode.I32Eqz), Op.End, Op.Drop));
    }

    [Fact]
    public void BrTableTargetsMustShareArityAndTypes()
    {
        Valid(Single([], [I32], Op.Block(I32), Op.Block(I32), Op.I32(7), Op.I32(0), Op.BrTable(0, 1, 0), Op.End, Op.End));
        InvalidAt(Single([], [], Op.Block(), Op.Block(I32), Op.I32(7), Op.I32(0), Op.BrTable(0, 1), Op.End, Op.End),
            "type mismatch", 0, 4);
        InvalidAt(Single([], [I32], Op.Block(F32), Op.Block(I32), Op.I32(7), Op.I32(0), Op.BrTable(0, 1), Op.End,
            Op.Drop, Op.I32(0), Op.End, Op.Drop, Op.I32(0)), "type mismatch", 0, 4);
        InvalidAt(Single([], [], Op.Block(I32), Op.I64(0), Op.BrTable(0), Op.End, Op.Drop), "type mismatch", 0, 2);
    }

    [Fact]
    public void BrTableInUnreachableCodeAcceptsDifferentTypesOfEqualArity()
    {
        Valid(Single([], [], Op.Block(F32), Op.Block(I32), Op.Unreachable, Op.I32(0), Op.BrTable(0, 1), Op.End,
            Op.Drop, Op.F32(0), Op.End, Op.Drop));
        Invalid(Single([], [], Op.Block(F32), Op.Block(I32), Op.Unreachable, Op.I64(0), Op.I32(0), Op.BrTable(0, 1),
            Op.End, Op.Drop, Op.F32(0), Op.End, Op.Drop), "type mismatch");
    }

    [Fact]
    public void ReturnChecksTheFunctionResults()
    {
        Valid(Single([], [I32, I64], Op.Block(), Op.I32(1), Op.I64(2), Op.Return, Op.End, Op.I32(1), Op.I64(2)));
        InvalidAt(Single([], [I32], Op.Block(), Op.I64(1), Op.Return, Op.End, Op.I32(1)), "type mismatch", 0, 2);
        Valid(Single([], [I32], Op.I32(1), Op.Return));
        InvalidAt(Single([], [I32], Op.Return), "type mismatch", 0, 0);
    }

    [Fact]
    public void UnreachableIsPolymorphic()
    {
        Valid(Single([], [I32], Op.Unreachable));
        Valid(Single([], [I32], Op.Unreachable, Op.Of(Opcode.I32Add)));
        Valid(Single([], [F64], Op.Unreachable, Op.Select, Op.Drop, Op.Unreachable));
        Valid(Single([], [I64], Op.Unreachable, Op.I64(1), Op.I32(0), Op.Select));
        Valid(Single([], [I32], Op.Unreachable, Op.RefIsNull));
        InvalidAt(Single([], [I32], Op.Unreachable, Op.I64(0), Op.Of(Opcode.I32Add)), "type mismatch", 0, 2);
        InvalidAt(Single([], [I32], Op.Unreachable, Op.I64(0)), "type mismatch", 0, 2);
        InvalidAt(Single([], [], Op.Unreachable, Op.I64(0), Op.I32(1), Op.Select, Op.Of(Opcode.I32Eqz), Op.Drop),
            "type mismatch", 0, 4);
    }

    [Fact]
    public void UnreachableDoesNotLeakOutOfTheBlock() =>
        InvalidAt(Single([], [I32], Op.Block(), Op.Unreachable, Op.End, Op.Of(Opcode.I32Eqz)), "type mismatch", 0, 3);

    [Fact]
    public void UnreachableKeepsValuesPushedAfterIt() =>
        InvalidAt(Single([], [], Op.Unreachable, Op.I32(1), Op.Of(Opcode.I64Eqz), Op.Drop), "type mismatch", 0, 2);
}
