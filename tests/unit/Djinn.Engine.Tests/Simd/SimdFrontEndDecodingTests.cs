using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Binary.InstructionDecodingTests;

namespace Djinn.Engine.Tests.Simd;

/// <summary>
/// Decoding of the 0xFD-prefixed instructions and their immediates
/// (https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions), in the layout documented on
/// <see cref="Instruction"/>.
/// </summary>
public sealed class SimdFrontEndDecodingTests
{
    private static readonly byte[] s_sixteen = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    [Fact]
    public void V128_const_keeps_its_sixteen_bytes_little_endian_in_c_and_d()
    {
        var code = Decode([0xFD, 0x0C, .. s_sixteen, 0x1A]);
        Assert.Equal(Opcode.V128Const, code[0].Opcode);
        Assert.Equal(0x0706_0504_0302_0100UL, code[0].C);
        Assert.Equal(0x0F0E_0D0C_0B0A_0908UL, code[0].D);
        Assert.Equal(Opcode.Drop, code[1].Opcode);
    }

    [Fact]
    public void Shuffle_keeps_its_sixteen_lane_indices_in_c_and_d()
    {
        var code = Decode([0xFD, 0x0C, .. s_sixteen, 0xFD, 0x0C, .. s_sixteen, 0xFD, 0x0D, 31, 30, 29, 28, 27, 26, 25, 24, 7, 6, 5, 4, 3, 2, 1, 0, 0x1A]);
        Assert.Equal(Opcode.I8x16Shuffle, code[2].Opcode);
        Assert.Equal(0x1819_1A1B_1C1D_1E1FUL, code[2].C);
        Assert.Equal(0x0001_0203_0405_0607UL, code[2].D);
    }

    [Fact]
    public void Simd_loads_and_stores_hold_alignment_in_a_and_offset_in_b()
    {
        var code = Decode(0x41, 0x00, 0xFD, 0x00, 0x04, 0x90, 0x01, 0x1A, 0x41, 0x00, 0xFD, 0x5D, 0x03, 0x07, 0x1A);
        Assert.Equal((Opcode.V128Load, 4u, 144u), (code[1].Opcode, code[1].A, code[1].B));
        Assert.Equal((Opcode.V128Load64Zero, 3u, 7u), (code[4].Opcode, code[4].A, code[4].B));
    }

    [Fact]
    public void Lane_loads_and_stores_hold_the_memarg_in_a_and_b_and_the_lane_in_c()
    {
        var code = Decode(0xFD, 0x54, 0x00, 0x05, 0x0F, 0xFD, 0x5B, 0x03, 0x80, 0x01, 0x01);
        Assert.Equal((Opcode.V128Load8Lane, 0u, 5u, 15UL), (code[0].Opcode, code[0].A, code[0].B, code[0].C));
        Assert.Equal((Opcode.V128Store64Lane, 3u, 128u, 1UL), (code[1].Opcode, code[1].A, code[1].B, code[1].C));
    }

    [Fact]
    public void Extract_and_replace_lane_hold_the_lane_index_byte_in_a()
    {
        var code = Decode(0xFD, 0x15, 0x0F, 0xFD, 0x22, 0xFF);
        Assert.Equal((Opcode.I8x16ExtractLaneS, 15u), (code[0].Opcode, code[0].A));
        Assert.Equal((Opcode.F64x2ReplaceLane, 255u), (code[1].Opcode, code[1].A));
    }

    [Fact]
    public void Sub_opcodes_are_u32_leb128_and_may_be_padded()
    {
        var code = Decode([0xFD, 0x8E, 0x01, 0xFD, 0x8C, 0x80, 0x80, 0x80, 0x00, .. s_sixteen]);
        Assert.Equal(Opcode.I16x8Add, code[0].Opcode);
        Assert.Equal(Opcode.V128Const, code[1].Opcode);
        Assert.Equal(0x0706_0504_0302_0100UL, code[1].C);
    }

    [Fact]
    public void Unassigned_and_out_of_range_sub_opcodes_are_illegal()
    {
        foreach (uint sub in new uint[] { 0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xBB, 0xC2, 0xC5, 0xE2, 0xEE, 0x100, 0xFFFF_FFFF })
        {
            Assert.Equal("illegal opcode", Fails([0xFD, .. Leb(sub)]).Cause);
        }
    }

    [Fact]
    public void Truncated_immediates_and_oversized_alignment_are_malformed()
    {
        Assert.Equal("unexpected end of section or function", Fails(0xFD, 0x0C, 0x00, 0x01).Cause);
        Assert.Equal("malformed memop flags", Fails(0xFD, 0x00, 0x20, 0x00).Cause);
        Assert.Equal("malformed memop flags", Fails(0xFD, 0x54, 0x20, 0x00, 0x00).Cause);
    }

    [Fact]
    public void Every_named_simd_opcode_decodes_to_itself()
    {
        foreach (var (name, opcode) in SimdOpcodeNames.ByName)
        {
            int sub = opcode - Opcode.SimdPrefix;
            byte[] immediates = sub switch
            {
                <= 0x0B or 0x5C or 0x5D => [0x00, 0x00],
                0x0C or 0x0D => new byte[16],
                >= 0x15 and <= 0x22 => [0x00],
                >= 0x54 and <= 0x5B => [0x00, 0x00, 0x00],
                _ => [],
            };
            var code = Decode([0xFD, .. Leb((uint)sub), .. immediates]);
            Assert.True(code.Length == 2 && code[0].Opcode == opcode, name);
        }
    }

    private static byte[] Leb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            bytes.Add(b);
        }
        while (value != 0);
        return bytes.ToArray();
    }
}
