using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <content>The 0xFC-prefixed instructions.</content>
internal sealed partial class InstructionDecoder
{
    /// <summary>
    /// 0xFC followed by a u32 sub-opcode: saturating truncations (0–7), bulk memory (8–11) and table
    /// instructions (12–17) (https://webassembly.github.io/spec/core/binary/instructions.html#numeric-instructions,
    /// https://webassembly.github.io/spec/core/binary/instructions.html#table-instructions).
    /// </summary>
    private Instruction ReadPrefixed(ref WasmReader r, int at)
    {
        uint sub = r.ReadU32();
        if (sub > 17) DecoderThrowHelper.Throw(at, "illegal opcode");
        var opcode = (Opcode)(0x1000 + sub);
        switch (opcode)
        {
            case Opcode.MemoryInit:
                {
                    if (DataIndexUse < 0) DataIndexUse = at;
                    uint segment = r.ReadU32();
                    r.ReadZeroByte();
                    return new Instruction(opcode, at, segment);
                }
            case Opcode.DataDrop:
                if (DataIndexUse < 0) DataIndexUse = at;
                return new Instruction(opcode, at, r.ReadU32());
            case Opcode.MemoryCopy:
                r.ReadZeroByte();
                r.ReadZeroByte();
                return new Instruction(opcode, at);
            case Opcode.MemoryFill:
                r.ReadZeroByte();
                return new Instruction(opcode, at);
            case Opcode.TableInit:
            case Opcode.TableCopy:
                {
                    // table.init: element segment then table; table.copy: destination then source.
                    uint first = r.ReadU32();
                    return new Instruction(opcode, at, first, r.ReadU32());
                }
            case Opcode.ElemDrop:
            case Opcode.TableGrow:
            case Opcode.TableSize:
            case Opcode.TableFill:
                return new Instruction(opcode, at, r.ReadU32());
            default:
                return new Instruction(opcode, at);
        }
    }
}
