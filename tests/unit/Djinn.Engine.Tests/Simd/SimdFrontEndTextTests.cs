using Djinn.Engine.Binary;
using Djinn.Engine.Model;
using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Simd;

/// <summary>The text format of the SIMD instructions (https://webassembly.github.io/spec/core/text/instructions.html#vector-instructions).</summary>
public sealed class SimdFrontEndTextTests
{
    /// <summary>Parses a module whose first function has <paramref name="body"/>; returns that function's instructions.</summary>
    private static Instruction[] Body(string body, string fields = "") =>
        ModuleDecoder.Decode(WatParser.ParseModule($"(module {fields} (func {body}))")).Bodies[0].Code;

    private static string Malformed(string body, string fields = "") =>
        Assert.Throws<TextParseException>(() => WatParser.ParseModule($"(module {fields} (func {body}))")).Cause;

    private static (ulong Low, ulong High) Const(string text)
    {
        var code = Body($"(result v128) (v128.const {text})");
        Assert.Equal(Opcode.V128Const, code[0].Opcode);
        return (code[0].C, code[0].D);
    }

    [Fact]
    public void Every_shape_of_v128_const_encodes_the_same_bytes()
    {
        var expected = (0x0706_0504_0302_0100UL, 0x0F0E_0D0C_0B0A_0908UL);
        Assert.Equal(expected, Const("i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"));
        Assert.Equal(expected, Const("i16x8 0x0100 0x0302 0x0504 0x0706 0x0908 0x0b0a 0x0d0c 0x0f0e"));
        Assert.Equal(expected, Const("i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c"));
        Assert.Equal(expected, Const("i64x2 0x0706050403020100 0x0f0e0d0c0b0a0908"));
        Assert.Equal((0xC000_0000_3F80_0000UL, 0x0000_0000_3F00_0000UL), Const("f32x4 1 -2 0.5 0"));
        Assert.Equal((0x3FF0_0000_0000_0000UL, 0xC000_0000_0000_0000UL), Const("f64x2 1 -0x2"));
    }

    [Fact]
    public void Integer_lanes_accept_signed_and_unsigned_values_of_their_width()
    {
        Assert.Equal((0xFFFF_FFFF_8080_FFFFUL, ulong.MaxValue), Const("i8x16 -1 255 -128 128 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1"));
        Assert.Equal((0xFFFF_0000_8000_7FFFUL, 0UL), Const("i16x8 32767 -32768 0 65535 0 0 0 0"));
        Assert.Equal("constant out of range", Malformed("(v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop"));
        Assert.Equal("constant out of range", Malformed("(v128.const i16x8 -32769 0 0 0 0 0 0 0) drop"));
    }

    [Fact]
    public void Float_lanes_accept_inf_nan_and_nan_payloads()
    {
        var (low, high) = Const("f32x4 inf -inf nan nan:0x1");
        Assert.Equal(0xFF80_0000_7F80_0000UL, low);
        Assert.Equal(0x7F80_0001_7FC0_0000UL, high);
        Assert.Equal((0xFFF8_0000_0000_0000UL, 0x3FF0_0000_0000_0000UL), Const("f64x2 -nan 1"));
        Assert.StartsWith("constant out of range", Malformed("(v128.const f32x4 nan:0x800000 0 0 0) drop"));
        Assert.StartsWith("unknown operator", Malformed("(v128.const f32x4 nan:1 0 0 0) drop"));
    }

    [Fact]
    public void V128_const_needs_a_shape_and_exactly_its_lane_count()
    {
        Assert.StartsWith("unexpected token", Malformed("(v128.const) drop"));
        Assert.StartsWith("unexpected token", Malformed("(v128.const 0 0 0 0) drop"));
        Assert.Equal("wrong number of lane literals", Malformed("(v128.const i32x4 0 0 0) drop"));
        Assert.Equal("wrong number of lane literals", Malformed("(v128.const i32x4 0 0 0 0 0) drop"));
        Assert.Equal("wrong number of lane literals", Malformed("v128.const i64x2 0 drop"));
        Assert.Equal(Opcode.Drop, Body("v128.const i64x2 0 1 drop")[1].Opcode);
    }

    [Fact]
    public void Shuffle_takes_sixteen_lane_indices_in_plain_and_folded_form()
    {
        var folded = Body("(param v128 v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 28 29 30 0x1f (local.get 0) (local.get 1))");
        Assert.Equal((Opcode.I8x16Shuffle, 0x0706_0504_0302_0100UL, 0x1F1E_1D1C_1B1A_1918UL), (folded[2].Opcode, folded[2].C, folded[2].D));
        var plain = Body("(param v128 v128) (result v128) local.get 0 local.get 1 i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 28 29 30 31");
        Assert.Equal((folded[2].C, folded[2].D), (plain[2].C, plain[2].D));
    }

    [Fact]
    public void Shuffle_with_the_wrong_lane_count_or_a_bad_lane_is_malformed()
    {
        Assert.Equal("invalid lane length", Malformed("(param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 (local.get 0) (local.get 0))"));
        Assert.Equal("invalid lane length", Malformed("(param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 (local.get 0) (local.get 0))"));
        Assert.Equal("malformed lane index", Malformed("(param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 256 (local.get 0) (local.get 0))"));
        Assert.Equal("malformed lane index", Malformed("(param v128) (result v128) (i8x16.shuffle -1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (local.get 0))"));
        Assert.Equal("malformed lane index", Malformed("(param v128) (result v128) (i8x16.shuffle 0.5 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (local.get 0))"));
    }

    [Fact]
    public void Lane_index_immediates_are_unsigned_bytes()
    {
        var code = Body("(param v128) (result i32) (i8x16.extract_lane_u 0x0f (local.get 0))");
        Assert.Equal((Opcode.I8x16ExtractLaneU, 15u), (code[1].Opcode, code[1].A));
        Assert.Equal(255u, Body("(param v128) (result v128) local.get 0 f64.const 1 f64x2.replace_lane 255")[2].A);
        Assert.Equal("malformed lane index", Malformed("(param v128) (result i32) (i32x4.extract_lane 256 (local.get 0))"));
        Assert.StartsWith("unexpected token", Malformed("(param v128) (result i32) (i32x4.extract_lane -1 (local.get 0))"));
        Assert.StartsWith("unexpected token", Malformed("(param v128) (result i32) (i32x4.extract_lane +1 (local.get 0))"));
        Assert.StartsWith("unexpected token", Malformed("(param v128) (result i32) (i32x4.extract_lane 1.0 (local.get 0))"));
        Assert.StartsWith("unexpected token", Malformed("(param v128) (result i32) (i32x4.extract_lane (local.get 0))"));
    }

    [Fact]
    public void Simd_memargs_default_to_natural_alignment_and_lane_accesses_take_a_lane_after_the_memarg()
    {
        const string memory = "(memory 1)";
        var load = Body("(result v128) (v128.load offset=3 (i32.const 0))", memory);
        Assert.Equal((Opcode.V128Load, 4u, 3u), (load[1].Opcode, load[1].A, load[1].B));
        Assert.Equal(1u, Body("(result v128) (v128.load16_splat (i32.const 0))", memory)[1].A);
        Assert.Equal(3u, Body("(result v128) (v128.load32x2_u (i32.const 0))", memory)[1].A);
        var lane = Body("(param v128) (result v128) (v128.load16_lane offset=7 align=1 5 (i32.const 0) (local.get 0))", memory);
        Assert.Equal((Opcode.V128Load16Lane, 0u, 7u, 5UL), (lane[2].Opcode, lane[2].A, lane[2].B, lane[2].C));
        var store = Body("(param v128) (v128.store64_lane 1 (i32.const 0) (local.get 0))", memory);
        Assert.Equal((Opcode.V128Store64Lane, 3u, 0u, 1UL), (store[2].Opcode, store[2].A, store[2].B, store[2].C));
        Assert.StartsWith("i32 constant", Malformed("(drop (v128.load offset=4294967296 (i32.const 0)))", memory));
    }

    [Fact]
    public void Every_simd_name_is_a_keyword_of_the_text_format()
    {
        foreach (var (name, opcode) in SimdOpcodeNames.ByName)
        {
            Assert.True(OpcodeTable.Entries.TryGetValue(name, out var entry) && entry.Op == opcode, name);
        }
    }

    [Fact]
    public void Script_values_and_lane_patterns_of_v128_parse()
    {
        var commands = WastParser.Parse(
            "(module (func (export \"f\") (param v128) (result v128) (local.get 0)))\n" +
            "(assert_return (invoke \"f\" (v128.const i16x8 1 2 3 4 5 6 7 -1)) (v128.const f32x4 nan:canonical 1 nan:arithmetic -0))");
        var command = Assert.IsType<AssertReturnCommand>(commands[1]);
        var argument = command.Action.Arguments[0];
        Assert.Equal((ValueKind.V128, 0x0004_0003_0002_0001UL, 0xFFFF_0007_0006_0005UL), (argument.Kind, argument.Low, argument.High));
        var expected = command.Expected[0];
        Assert.Equal(WastExpectedKind.Lanes, expected.Kind);
        Assert.Equal(WastExpectedKind.CanonicalNan, expected.Lanes![0].Kind);
        Assert.Equal(0x3F80_0000UL, expected.Lanes[1].Value!.Low);
        Assert.Equal(WastExpectedKind.ArithmeticNan, expected.Lanes[2].Kind);
        Assert.Equal(0x8000_0000UL, expected.Lanes[3].Value!.Low);
    }
}
