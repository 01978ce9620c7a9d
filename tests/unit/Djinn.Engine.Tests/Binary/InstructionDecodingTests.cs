using Djinn.Engine.Binary;
using Djinn.Engine.Model;
using Xunit;
using static Djinn.Engine.Tests.Binary.WasmBytes;

namespace Djinn.Engine.Tests.Binary;

/// <summary>Instructions and their immediates (https://webassembly.github.io/spec/core/binary/instructions.html).</summary>
public sealed class InstructionDecodingTests
{
    /// <summary>Decodes one function whose body is <paramref name="code"/> plus the final end; returns its instructions.</summary>
    internal static Instruction[] Decode(params byte[] code)
    {
        var bytes = Module().VoidFunctions(1).Section(12, B(0x01)).Code(code).Section(11, Vec(Concat(B(0x01), Name("")))).Build();
        return ModuleDecoder.Decode(bytes).Bodies[0].Code;
    }

    internal static ModuleParseException Fails(params byte[] code) =>
        Assert.Throws<ModuleParseException>(() => Decode(code));

    [Fact]
    public void Block_types_are_empty_a_value_type_or_a_type_index()
    {
        var code = Decode(0x02, 0x40, 0x0B, 0x03, 0x7F, 0x0B, 0x02, 0x6F, 0x0B, 0x04, 0x80, 0x01, 0x0B);
        Assert.Equal((Opcode.Block, (uint)BlockTypeKind.Empty), (code[0].Opcode, code[0].B));
        Assert.Equal((Opcode.Loop, (uint)BlockTypeKind.Single, (uint)ValueKind.I32), (code[2].Opcode, code[2].B, code[2].A));
        Assert.Equal(((uint)BlockTypeKind.Single, (uint)ValueKind.ExternRef), (code[4].B, code[4].A));
        Assert.Equal((Opcode.If, (uint)BlockTypeKind.TypeIndex, 128u), (code[6].Opcode, code[6].B, code[6].A));
    }

    [Fact]
    public void Negative_multi_byte_block_type_index_is_malformed()
    {
        Assert.Equal("malformed block type", Fails(0x02, 0xFF, 0x7F, 0x0B).Cause);
    }

    [Fact]
    public void If_else_end_nest_and_else_outside_if_is_rejected()
    {
        var code = Decode(0x04, 0x40, 0x01, 0x05, 0x01, 0x0B);
        Assert.Equal(new[] { Opcode.If, Opcode.Nop, Opcode.Else, Opcode.Nop, Opcode.End, Opcode.End }, Array.ConvertAll(code, i => i.Opcode));
        Assert.Equal("END opcode expected", Fails(0x02, 0x40, 0x05, 0x0B).Cause);
        Assert.Equal("END opcode expected", Fails(0x04, 0x40, 0x05, 0x05, 0x0B).Cause);
        Assert.Equal("END opcode expected", Fails(0x05).Cause);
    }

    [Fact]
    public void Branches_calls_and_variable_instructions_carry_their_index()
    {
        var code = Decode(0x0C, 0x01, 0x0D, 0x02, 0x10, 0x85, 0x01, 0x20, 0x03, 0x21, 0x04, 0x22, 0x05, 0x23, 0x06, 0x24, 0x07, 0x25, 0x08, 0x26, 0x09, 0xD2, 0x0A);
        Assert.Equal(new uint[] { 1, 2, 133, 3, 4, 5, 6, 7, 8, 9, 10, 0 }, Array.ConvertAll(code, i => i.A));
        Assert.Equal(Opcode.RefFunc, code[10].Opcode);
    }

    [Fact]
    public void Br_table_keeps_targets_and_default()
    {
        var code = Decode(0x0E, 0x03, 0x00, 0x01, 0x02, 0x04, 0x0E, 0x00, 0x07);
        Assert.Equal(new uint[] { 0, 1, 2 }, code[0].Labels);
        Assert.Equal(4u, code[0].A);
        Assert.Empty(code[1].Labels!);
        Assert.Equal(7u, code[1].A);
    }

    [Fact]
    public void Call_indirect_reads_type_then_table_index()
    {
        var code = Decode(0x11, 0x02, 0x81, 0x01);
        Assert.Equal((Opcode.CallIndirect, 2u, 129u), (code[0].Opcode, code[0].A, code[0].B));
    }

    [Fact]
    public void Typed_select_stores_the_type_and_the_count()
    {
        var code = Decode(0x1B, 0x1C, 0x01, 0x7E, 0x1C, 0x00, 0x1C, 0x02, 0x7F, 0x7F);
        Assert.Equal(Opcode.Select, code[0].Opcode);
        Assert.Equal((Opcode.SelectTyped, (uint)ValueKind.I64, 1u), (code[1].Opcode, code[1].A, code[1].B));
        Assert.Equal(0u, code[2].B);
        Assert.Equal(((uint)ValueKind.I32, 2u), (code[3].A, code[3].B));
    }

    [Fact]
    public void Loads_and_stores_read_alignment_then_offset()
    {
        var code = Decode(0x28, 0x02, 0x80, 0x08, 0x3E, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        Assert.Equal((Opcode.I32Load, 2u, 1024u), (code[0].Opcode, code[0].A, code[0].B));
        Assert.Equal((Opcode.I64Store32, 0u, uint.MaxValue), (code[1].Opcode, code[1].A, code[1].B));
        Assert.Equal("malformed memop flags", Fails(0x28, 0x20, 0x00).Cause);
    }

    [Fact]
    public void Constants_hold_their_bits()
    {
        var code = Decode(0x41, 0x7F, 0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F,
            0x43, 0x00, 0x00, 0xC0, 0x7F, 0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x7F);
        Assert.Equal(uint.MaxValue, code[0].A);
        Assert.Equal(unchecked((ulong)long.MinValue), code[1].C);
        Assert.Equal(0x7FC00000u, code[2].A);
        Assert.Equal(0x7FF0000000000001ul, code[3].C);
    }

    [Fact]
    public void Memory_size_and_grow_require_a_zero_byte()
    {
        var code = Decode(0x3F, 0x00, 0x40, 0x00);
        Assert.Equal(new[] { Opcode.MemorySize, Opcode.MemoryGrow, Opcode.End }, Array.ConvertAll(code, i => i.Opcode));
        var e = Fails(0x3F, 0x01);
        Assert.Equal("zero byte expected", e.Cause);
        Assert.Equal("zero byte expected", Fails(0x40, 0x80, 0x00).Cause);
    }

    [Fact]
    public void Reference_instructions_decode_and_ref_null_needs_a_reference_type()
    {
        var code = Decode(0xD0, 0x70, 0xD0, 0x6F, 0xD1);
        Assert.Equal((uint)ValueKind.FuncRef, code[0].A);
        Assert.Equal((uint)ValueKind.ExternRef, code[1].A);
        Assert.Equal(Opcode.RefIsNull, code[2].Opcode);
        Assert.Equal("malformed reference type", Fails(0xD0, 0x7F).Cause);
    }

    [Fact]
    public void Every_numeric_opcode_without_immediates_decodes_to_itself()
    {
        var body = new byte[0xC4 - 0x45 + 1];
        for (int i = 0; i < body.Length; i++) body[i] = (byte)(0x45 + i);
        var code = Decode(body);
        for (int i = 0; i < body.Length; i++) Assert.Equal((Opcode)body[i], code[i].Opcode);
    }

    [Fact]
    public void Prefixed_instructions_decode_with_their_immediates()
    {
        var code = Decode(
            0xFC, 0x00, 0xFC, 0x07,
            0xFC, 0x08, 0x00, 0x00,
            0xFC, 0x09, 0x00,
            0xFC, 0x0A, 0x00, 0x00,
            0xFC, 0x0B, 0x00,
            0xFC, 0x0C, 0x03, 0x01,
            0xFC, 0x0D, 0x04,
            0xFC, 0x0E, 0x05, 0x06,
            0xFC, 0x0F, 0x07,
            0xFC, 0x10, 0x08,
            0xFC, 0x91, 0x00, 0x09);
        Assert.Equal(
            new[] { Opcode.I32TruncSatF32S, Opcode.I64TruncSatF64U, Opcode.MemoryInit, Opcode.DataDrop, Opcode.MemoryCopy, Opcode.MemoryFill,
                Opcode.TableInit, Opcode.ElemDrop, Opcode.TableCopy, Opcode.TableGrow, Opcode.TableSize, Opcode.TableFill, Opcode.End },
            Array.ConvertAll(code, i => i.Opcode));
        Assert.Equal((3u, 1u), (code[6].A, code[6].B));
        Assert.Equal(4u, code[7].A);
        Assert.Equal((5u, 6u), (code[8].A, code[8].B));
        Assert.Equal(new uint[] { 7, 8, 9 }, new[] { code[9].A, code[10].A, code[11].A });
    }

    [Fact]
    public void Bulk_memory_reserved_bytes_must_be_zero()
    {
        Assert.Equal("zero byte expected", Fails(0xFC, 0x08, 0x00, 0x01).Cause);
        Assert.Equal("zero byte expected", Fails(0xFC, 0x0A, 0x00, 0x01).Cause);
        Assert.Equal("zero byte expected", Fails(0xFC, 0x0B, 0x01).Cause);
    }

    [Fact]
    public void Unknown_opcodes_are_illegal_including_unassigned_prefixed_ones()
    {
        foreach (byte op in new byte[] { 0x06, 0x0A, 0x12, 0x19, 0x1D, 0x27, 0xC5, 0xD3, 0xFB, 0xFF })
        {
            Assert.Equal("illegal opcode", Fails(op).Cause);
        }
        Assert.Equal("illegal opcode", Fails(0xFC, 0x12).Cause);
        Assert.Equal("illegal opcode", Fails(0x01, 0xFD, 0x9A, 0x01).Cause);
    }

    [Fact]
    public void Opcode_offsets_are_positions_in_the_whole_module()
    {
        var bytes = Module().VoidFunctions(1).Code(B(0x01, 0x41, 0x80, 0x01, 0x1A)).Build();
        var code = ModuleDecoder.Decode(bytes).Bodies[0].Code;
        int start = bytes.AsSpan().IndexOf(B(0x01, 0x41, 0x80, 0x01, 0x1A));
        Assert.Equal(new[] { start, start + 1, start + 4, start + 5 }, Array.ConvertAll(code, i => i.Offset));
    }
}
