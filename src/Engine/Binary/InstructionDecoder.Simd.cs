using System.Buffers.Binary;
using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <content>The 0xFD-prefixed (128-bit SIMD) instructions.</content>
internal sealed partial class InstructionDecoder
{
    /// <summary>How the immediates of a SIMD instruction are encoded.</summary>
    private enum SimdImmediate : byte
    {
        /// <summary>Not an instruction: the sub-opcode is unassigned.</summary>
        Illegal = 0,
        /// <summary>No immediates.</summary>
        None,
        /// <summary>A memarg (alignment exponent, offset).</summary>
        Memarg,
        /// <summary>A memarg then a lane index byte (load_lane / store_lane).</summary>
        MemargLane,
        /// <summary>A lane index byte (extract_lane / replace_lane).</summary>
        Lane,
        /// <summary>Sixteen raw bytes (v128.const, i8x16.shuffle).</summary>
        Bytes16,
    }

    /// <summary>The immediate encoding of every SIMD sub-opcode 0..255; unassigned ones are <see cref="SimdImmediate.Illegal"/>.</summary>
    private static readonly SimdImmediate[] s_simdImmediates = BuildSimdImmediates();

    /// <summary>
    /// 0xFD followed by a u32 sub-opcode (https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions).
    /// Immediates follow the layout documented on <see cref="Instruction"/>: memarg in A (alignment exponent) and B (offset),
    /// a lane index in A (extract/replace_lane) or C (load/store_lane), and sixteen bytes little-endian in C and D.
    /// An unassigned sub-opcode is an "illegal opcode".
    /// </summary>
    private static Instruction ReadSimd(ref WasmReader r, int at)
    {
        uint sub = r.ReadU32();
        var kind = sub < (uint)s_simdImmediates.Length ? s_simdImmediates[sub] : SimdImmediate.Illegal;
        var opcode = (Opcode)((uint)Opcode.SimdPrefix + sub);
        switch (kind)
        {
            case SimdImmediate.None:
                return new Instruction(opcode, at);
            case SimdImmediate.Memarg:
            {
                uint align = ReadAlignment(ref r);
                return new Instruction(opcode, at, align, r.ReadU32());
            }
            case SimdImmediate.MemargLane:
            {
                uint align = ReadAlignment(ref r);
                uint offset = r.ReadU32();
                return new Instruction(opcode, at, align, offset, r.ReadByte());
            }
            case SimdImmediate.Lane:
                return new Instruction(opcode, at, r.ReadByte());
            case SimdImmediate.Bytes16:
            {
                var bytes = r.ReadSpan(16);
                return new Instruction(opcode, at,
                    c: BinaryPrimitives.ReadUInt64LittleEndian(bytes),
                    d: BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
            }
            default:
                throw DecoderThrowHelper.Create(at, "illegal opcode");
        }
    }

    /// <summary>The alignment exponent of a memarg: below 32, else "malformed memop flags" (as for scalar accesses).</summary>
    private static uint ReadAlignment(ref WasmReader r)
    {
        int alignAt = r.Position;
        uint align = r.ReadU32();
        if (align >= 32) DecoderThrowHelper.Throw(alignAt, "malformed memop flags");
        return align;
    }

    private static SimdImmediate[] BuildSimdImmediates()
    {
        var table = new SimdImmediate[256];
        // Every name of the opcode table that lies in the SIMD range is an assigned sub-opcode without immediates...
        foreach (var opcode in Enum.GetValues<Opcode>())
        {
            int sub = (int)opcode - (int)Opcode.SimdPrefix;
            if (sub >= 0 && sub < 256) table[sub] = SimdImmediate.None;
        }

        // ...except for these.
        for (int sub = 0x00; sub <= 0x0B; sub++) table[sub] = SimdImmediate.Memarg; // v128.load* and v128.store
        table[0x0C] = SimdImmediate.Bytes16; // v128.const
        table[0x0D] = SimdImmediate.Bytes16; // i8x16.shuffle
        for (int sub = 0x15; sub <= 0x22; sub++) table[sub] = SimdImmediate.Lane; // extract_lane / replace_lane
        for (int sub = 0x54; sub <= 0x5B; sub++) table[sub] = SimdImmediate.MemargLane; // load_lane / store_lane
        table[0x5C] = SimdImmediate.Memarg; // v128.load32_zero
        table[0x5D] = SimdImmediate.Memarg; // v128.load64_zero
        return table;
    }
}
