using Djinn.Engine.Model;

namespace Djinn.Engine.Text;

/// <content>The SIMD instruction keywords (https://webassembly.github.io/spec/core/text/instructions.html#vector-instructions).</content>
internal static partial class OpcodeTable
{
    /// <summary>Adds every name of <see cref="SimdOpcodeNames"/> with its immediate kind and, for memory accesses, natural alignment.</summary>
    private static void AddSimd(Dictionary<string, (Opcode, Imm, int)> d)
    {
        foreach (var (name, opcode) in SimdOpcodeNames.ByName)
        {
            int sub = opcode - Opcode.SimdPrefix;
            d.Add(name, (opcode, SimdImmediate(sub), SimdNaturalAlignment(sub)));
        }
    }

    private static Imm SimdImmediate(int sub) => sub switch
    {
        <= 0x0B or 0x5C or 0x5D => Imm.Memarg,
        0x0C => Imm.V128,
        0x0D => Imm.Shuffle,
        >= 0x15 and <= 0x22 => Imm.Lane,
        >= 0x54 and <= 0x5B => Imm.MemargLane,
        _ => Imm.None,
    };

    /// <summary>The bytes a SIMD load or store accesses, which is its default alignment in text; 0 for other instructions.</summary>
    private static int SimdNaturalAlignment(int sub) => sub switch
    {
        0x00 or 0x0B => 16, // v128.load, v128.store
        >= 0x01 and <= 0x06 => 8, // v128.load8x8_s ... v128.load32x2_u
        >= 0x07 and <= 0x0A => 1 << (sub - 0x07), // v128.load8_splat ... v128.load64_splat
        >= 0x54 and <= 0x57 => 1 << (sub - 0x54), // v128.load8_lane ... v128.load64_lane
        >= 0x58 and <= 0x5B => 1 << (sub - 0x58), // v128.store8_lane ... v128.store64_lane
        0x5C => 4, // v128.load32_zero
        0x5D => 8, // v128.load64_zero
        _ => 0,
    };
}
