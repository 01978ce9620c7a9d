using Djinn.Engine.Model;
using Djinn.Engine.Tests.Validation;
using Xunit;
using static Djinn.Engine.Tests.Validation.ValidationAssert;
using static Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>Typing of the SIMD instructions (https://webassembly.github.io/spec/core/valid/instructions.html#vector-instructions).</summary>
public sealed class SimdFrontEndValidationTests
{
    private static Instruction Const(ulong low = 0, ulong high = 0) => new(Opcode.V128Const, -1, c: low, d: high);

    private static Instruction Simd(Opcode opcode, uint a = 0, uint b = 0, ulong c = 0, ulong d = 0) => new(opcode, -1, a, b, c, d);

    private static ModuleBuilder WithMemory(ValueKind[] results, params Instruction[] code)
    {
        var builder = Single([], results, code);
        builder.Memory();
        return builder;
    }

    [Fact]
    public void Lane_index_below_the_lane_count_is_valid_and_at_the_count_is_invalid()
    {
        Valid(Single([], [I32], Const(), Simd(Opcode.I8x16ExtractLaneU, 15)));
        InvalidAt(Single([], [I32], Const(), Simd(Opcode.I8x16ExtractLaneU, 16)), "invalid lane index", 0, 1);
        Valid(Single([], [F64], Const(), Simd(Opcode.F64x2ExtractLane, 1)));
        InvalidAt(Single([], [F64], Const(), Simd(Opcode.F64x2ExtractLane, 2)), "invalid lane index", 0, 1);
        InvalidAt(Single([], [ValueKind.V128], Const(), Op.I32(0), Simd(Opcode.I16x8ReplaceLane, 8)), "invalid lane index", 0, 2);
    }

    [Fact]
    public void Extract_and_replace_lane_use_the_scalar_type_of_the_shape()
    {
        Valid(Single([], [I64], Const(), Simd(Opcode.I64x2ExtractLane, 0)));
        Valid(Single([], [ValueKind.V128], Const(), Op.F32(1), Simd(Opcode.F32x4ReplaceLane, 3)));
        InvalidAt(Single([], [ValueKind.V128], Const(), Op.I64(1), Simd(Opcode.F64x2ReplaceLane, 0)), "type mismatch", 0, 2);
        InvalidAt(Single([], [I32], Const(), Simd(Opcode.F32x4ExtractLane, 0)), "type mismatch", 0, 2);
    }

    [Fact]
    public void Shuffle_lane_indices_must_be_below_thirty_two()
    {
        Valid(Single([], [ValueKind.V128], Const(), Const(), Simd(Opcode.I8x16Shuffle, c: 0x1F1F_1F1F_1F1F_1F1FUL, d: 0x0001_0203_0405_0607UL)));
        InvalidAt(Single([], [ValueKind.V128], Const(), Const(), Simd(Opcode.I8x16Shuffle, d: 0x2000_0000_0000_0000UL)), "invalid lane index", 0, 2);
        InvalidAt(Single([], [ValueKind.V128], Const(), Const(), Simd(Opcode.I8x16Shuffle, c: 0xFFUL)), "invalid lane index", 0, 2);
    }

    [Fact]
    public void Shifts_take_a_vector_and_an_i32_count()
    {
        Valid(Single([], [ValueKind.V128], Const(), Op.I32(1), Simd(Opcode.I64x2ShrU)));
        InvalidAt(Single([], [ValueKind.V128], Const(), Op.I64(1), Simd(Opcode.I64x2ShrU)), "type mismatch", 0, 2);
        InvalidAt(Single([], [ValueKind.V128], Const(), Const(), Simd(Opcode.I8x16Shl)), "type mismatch", 0, 2);
    }

    [Fact]
    public void Splats_take_the_scalar_of_their_shape()
    {
        Valid(Single([], [ValueKind.V128], Op.I32(1), Simd(Opcode.I8x16Splat)));
        Valid(Single([], [ValueKind.V128], Op.F64(1), Simd(Opcode.F64x2Splat)));
        InvalidAt(Single([], [ValueKind.V128], Op.I32(1), Simd(Opcode.I64x2Splat)), "type mismatch", 0, 1);
    }

    [Fact]
    public void Tests_and_bitmasks_produce_i32_and_bitselect_takes_three_vectors()
    {
        Valid(Single([], [I32], Const(), Simd(Opcode.V128AnyTrue)));
        Valid(Single([], [I32], Const(), Simd(Opcode.I64x2Bitmask)));
        Valid(Single([], [ValueKind.V128], Const(), Const(), Const(), Simd(Opcode.V128Bitselect)));
        InvalidAt(Single([], [ValueKind.V128], Const(), Const(), Op.I32(0), Simd(Opcode.V128Bitselect)), "type mismatch", 0, 3);
    }

    [Fact]
    public void Narrowing_and_extended_multiplication_are_binary_and_extension_is_unary()
    {
        Valid(Single([], [ValueKind.V128], Const(), Const(), Simd(Opcode.I8x16NarrowI16x8S)));
        Valid(Single([], [ValueKind.V128], Const(), Const(), Simd(Opcode.I64x2ExtmulHighI32x4U)));
        Valid(Single([], [ValueKind.V128], Const(), Simd(Opcode.I32x4ExtendLowI16x8U)));
        Valid(Single([], [ValueKind.V128], Const(), Simd(Opcode.F64x2PromoteLowF32x4)));
        Valid(Single([], [ValueKind.V128], Const(), Simd(Opcode.I16x8ExtaddPairwiseI8x16S)));
    }

    [Fact]
    public void Memory_accesses_need_memory_zero_and_at_most_natural_alignment()
    {
        InvalidAt(Single([], [ValueKind.V128], Op.I32(0), Simd(Opcode.V128Load, 4)), "unknown memory", 0, 1);
        Valid(WithMemory([ValueKind.V128], Op.I32(0), Simd(Opcode.V128Load, 4)));
        InvalidAt(WithMemory([ValueKind.V128], Op.I32(0), Simd(Opcode.V128Load, 5)), "alignment must not be larger than natural", 0, 1);
        Valid(WithMemory([ValueKind.V128], Op.I32(0), Simd(Opcode.V128Load8x8S, 3)));
        InvalidAt(WithMemory([ValueKind.V128], Op.I32(0), Simd(Opcode.V128Load16Splat, 2)), "alignment must not be larger than natural", 0, 1);
        InvalidAt(WithMemory([ValueKind.V128], Op.I32(0), Simd(Opcode.V128Load32Zero, 3)), "alignment must not be larger than natural", 0, 1);
        Valid(WithMemory([], Op.I32(0), Const(), Simd(Opcode.V128Store, 4)));
    }

    [Fact]
    public void Lane_loads_and_stores_check_alignment_and_their_lane_index()
    {
        Valid(WithMemory([ValueKind.V128], Op.I32(0), Const(), Simd(Opcode.V128Load64Lane, 3, 0, 1)));
        InvalidAt(WithMemory([ValueKind.V128], Op.I32(0), Const(), Simd(Opcode.V128Load64Lane, 3, 0, 2)), "invalid lane index", 0, 2);
        InvalidAt(WithMemory([ValueKind.V128], Op.I32(0), Const(), Simd(Opcode.V128Load16Lane, 2, 0, 0)), "alignment must not be larger than natural", 0, 2);
        Valid(WithMemory([], Op.I32(0), Const(), Simd(Opcode.V128Store8Lane, 0, 0, 15)));
        InvalidAt(WithMemory([], Op.I32(0), Const(), Simd(Opcode.V128Store8Lane, 0, 0, 16)), "invalid lane index", 0, 2);
        InvalidAt(WithMemory([], Const(), Op.I32(0), Simd(Opcode.V128Store32Lane, 2, 0, 0)), "type mismatch", 0, 2);
    }

    [Fact]
    public void V128_const_is_a_constant_expression_for_v128_globals()
    {
        var builder = new ModuleBuilder();
        builder.Global(ValueKind.V128, false, Const(1, 2));
        Valid(builder);
        var wrong = new ModuleBuilder();
        wrong.Global(I32, false, Const(1, 2));
        InvalidModule(wrong, "type mismatch");
    }
}
