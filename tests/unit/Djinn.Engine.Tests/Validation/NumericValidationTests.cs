using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Validation;

/// <summary>Operand stack basics and numeric instruction signatures.</summary>
public sealed class NumericValidationTests
{
    [Fact]
    public void EmptyFunctionIsValid() => Valid(Single([], []));

    [Fact]
    public void ConstantsAndBinaryOperatorsAreValid() =>
        Valid(Single([], [I32], Op.I32(1), Op.I32(2), Op.Of(Opcode.I32Add)));

    [Fact]
    public void BinaryOperatorWithWrongOperandIsTypeMismatchAtTheOperator() =>
        InvalidAt(Single([], [I32], Op.I32(1), Op.I64(2), Op.Of(Opcode.I32Add)), "type mismatch", 0, 2);

    [Fact]
    public void PopFromEmptyStackIsTypeMismatch() =>
        InvalidAt(Single([], [I32], Op.I32(1), Op.Of(Opcode.I32Add)), "type mismatch", 0, 1);

    [Fact]
    public void MissingResultIsTypeMismatchAtEnd() =>
        InvalidAt(Single([], [I32]), "type mismatch", 0, 0);

    [Fact]
    public void LeftoverValueIsTypeMismatchAtEnd() =>
        InvalidAt(Single([], [], Op.I32(1)), "type mismatch", 0, 1);

    [Fact]
    public void WrongResultTypeIsTypeMismatch() =>
        InvalidAt(Single([], [I64], Op.I32(1)), "type mismatch", 0, 1);

    [Fact]
    public void MultiValueFunctionResults() =>
        Valid(Single([], [I32, I64, F32, F64], Op.I32(1), Op.I64(2), Op.F32(3), Op.F64(4)));

    [Fact]
    public void MultiValueResultsInWrongOrderAreInvalid() =>
        Invalid(Single([], [I32, I64], Op.I64(2), Op.I32(1)), "type mismatch");

    [Theory]
    [InlineData((ushort)Opcode.I32Eqz, I32, I32)]
    [InlineData((ushort)Opcode.I64Eqz, I64, I32)]
    [InlineData((ushort)Opcode.I32Clz, I32, I32)]
    [InlineData((ushort)Opcode.I64Popcnt, I64, I64)]
    [InlineData((ushort)Opcode.F32Sqrt, F32, F32)]
    [InlineData((ushort)Opcode.F64Neg, F64, F64)]
    [InlineData((ushort)Opcode.I32WrapI64, I64, I32)]
    [InlineData((ushort)Opcode.I32TruncF32S, F32, I32)]
    [InlineData((ushort)Opcode.I32TruncF64U, F64, I32)]
    [InlineData((ushort)Opcode.I64ExtendI32U, I32, I64)]
    [InlineData((ushort)Opcode.I64TruncF64S, F64, I64)]
    [InlineData((ushort)Opcode.F32ConvertI64U, I64, F32)]
    [InlineData((ushort)Opcode.F32DemoteF64, F64, F32)]
    [InlineData((ushort)Opcode.F64ConvertI32S, I32, F64)]
    [InlineData((ushort)Opcode.F64PromoteF32, F32, F64)]
    [InlineData((ushort)Opcode.I32ReinterpretF32, F32, I32)]
    [InlineData((ushort)Opcode.I64ReinterpretF64, F64, I64)]
    [InlineData((ushort)Opcode.F32ReinterpretI32, I32, F32)]
    [InlineData((ushort)Opcode.F64ReinterpretI64, I64, F64)]
    [InlineData((ushort)Opcode.I32Extend16S, I32, I32)]
    [InlineData((ushort)Opcode.I64Extend32S, I64, I64)]
    [InlineData((ushort)Opcode.I32TruncSatF32S, F32, I32)]
    [InlineData((ushort)Opcode.I32TruncSatF64U, F64, I32)]
    [InlineData((ushort)Opcode.I64TruncSatF32U, F32, I64)]
    [InlineData((ushort)Opcode.I64TruncSatF64S, F64, I64)]
    public void UnaryOperatorSignatures(ushort op, ValueKind operand, ValueKind result)
    {
        var opcode = (Opcode)op;
        Valid(Single([operand], [result], Op.LocalGet(0), Op.Of(opcode)));
        var wrongOperand = operand == I32 ? F64 : I32;
        InvalidAt(Single([wrongOperand], [result], Op.LocalGet(0), Op.Of(opcode)), "type mismatch", 0, 1);
        var wrongResult = result == I32 ? F64 : I32;
        InvalidAt(Single([operand], [wrongResult], Op.LocalGet(0), Op.Of(opcode)), "type mismatch", 0, 2);
    }

    [Theory]
    [InlineData((ushort)Opcode.I32Eq, I32, I32)]
    [InlineData((ushort)Opcode.I32GeU, I32, I32)]
    [InlineData((ushort)Opcode.I64LtS, I64, I32)]
    [InlineData((ushort)Opcode.F32Ge, F32, I32)]
    [InlineData((ushort)Opcode.F64Eq, F64, I32)]
    [InlineData((ushort)Opcode.I32Rotr, I32, I32)]
    [InlineData((ushort)Opcode.I64DivU, I64, I64)]
    [InlineData((ushort)Opcode.F32Copysign, F32, F32)]
    [InlineData((ushort)Opcode.F64Max, F64, F64)]
    public void BinaryOperatorSignatures(ushort op, ValueKind operand, ValueKind result)
    {
        var opcode = (Opcode)op;
        Valid(Single([operand, operand], [result], Op.LocalGet(0), Op.LocalGet(1), Op.Of(opcode)));
        var wrong = operand == I64 ? F32 : I64;
        Invalid(Single([wrong, operand], [result], Op.LocalGet(0), Op.LocalGet(1), Op.Of(opcode)), "type mismatch");
        Invalid(Single([operand, wrong], [result], Op.LocalGet(0), Op.LocalGet(1), Op.Of(opcode)), "type mismatch");
    }

    [Fact]
    public void V128IsAnOrdinaryValueType() =>
        Valid(Single([ValueKind.V128], [ValueKind.V128], Op.LocalGet(0)));

    [Fact]
    public void SimdOpcodesAreTypedAndUnassignedOnesAreRejected()
    {
        InvalidAt(Single([], [], Op.Of(Opcode.I8x16Abs)), "type mismatch", 0, 0);
        InvalidAt(Single([], [], Op.Of(Opcode.SimdPrefix + 0x9A)), "unknown instruction", 0, 0);
    }

    [Fact]
    public void ErrorsCountImportedFunctionsInTheFunctionIndex()
    {
        var builder = new ModuleBuilder();
        builder.ImportFunc(builder.Type([], []));
        builder.ImportFunc(builder.Type([], []));
        builder.Func(Op.Nop);
        builder.Func(Op.Nop, Op.I32(0));
        var ex = Invalid(builder, "type mismatch");
        Assert.Equal(3, ex.FunctionIndex);
        Assert.Equal(ModuleBuilder.OffsetOf(1, 2), ex.InstructionOffset);
    }

    [Fact]
    public void InstructionsAfterTheFinalEndAreRejected()
    {
        var builder = new ModuleBuilder();
        builder.FuncRaw(builder.Type([], []), [], [Op.End, Op.Nop]);
        InvalidAt(builder, "instructions after the end", 0, 1);
    }

    [Fact]
    public void MissingFinalEndIsRejected()
    {
        var builder = new ModuleBuilder();
        builder.FuncRaw(builder.Type([], []), [], [Op.Nop]);
        Invalid(builder, "unexpected end");
    }
}
