using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <summary>
/// Decodes instruction sequences (https://webassembly.github.io/spec/core/binary/instructions.html) into
/// <see cref="Instruction"/> arrays that end with the final <c>end</c>. Immediates follow the documentation on
/// <see cref="Instruction"/>; in addition, typed <c>select</c> stores the number of types in B (the validator
/// rejects any count other than 1). Block structure is tracked only as far as the binary grammar requires:
/// <c>else</c> is only allowed directly inside an <c>if</c>, otherwise "END opcode expected".
/// Instances are reused across expressions to keep the buffers; they are not thread-safe.
/// </summary>
internal sealed partial class InstructionDecoder
{
    private const byte FrameOuter = 0;
    private const byte FrameBlock = 1;
    private const byte FrameIf = 2;
    private const byte FrameElse = 3;

    private readonly List<Instruction> _buffer = new();
    private readonly List<byte> _frames = new();

    /// <summary>Offset of the first memory.init or data.drop in the last decoded expression, or -1.</summary>
    public int DataIndexUse { get; private set; } = -1;

    /// <summary>Reads instructions up to and including the <c>end</c> that closes the expression.</summary>
    public Instruction[] ReadExpression(ref WasmReader r)
    {
        _buffer.Clear();
        _frames.Clear();
        _frames.Add(FrameOuter);
        DataIndexUse = -1;
        while (true)
        {
            int at = r.Position;
            byte op = r.ReadByte();
            switch (op)
            {
                case 0x0B:
                    _buffer.Add(new Instruction(Opcode.End, at));
                    _frames.RemoveAt(_frames.Count - 1);
                    if (_frames.Count == 0) return _buffer.ToArray();
                    break;
                case 0x05:
                    if (_frames[^1] != FrameIf) DecoderThrowHelper.Throw(at, "END opcode expected");
                    _frames[^1] = FrameElse;
                    _buffer.Add(new Instruction(Opcode.Else, at));
                    break;
                case 0x02:
                case 0x03:
                case 0x04:
                    _buffer.Add(ReadBlock(ref r, (Opcode)op, at));
                    _frames.Add(op == 0x04 ? FrameIf : FrameBlock);
                    break;
                default:
                    _buffer.Add(ReadPlain(ref r, op, at));
                    break;
            }
        }
    }

    /// <summary>
    /// block, loop, if with their block type (https://webassembly.github.io/spec/core/binary/instructions.html#binary-blocktype):
    /// 0x40, a single-byte value type, or a non-negative s33 type index.
    /// </summary>
    private static Instruction ReadBlock(ref WasmReader r, Opcode opcode, int at)
    {
        int next = r.Peek();
        if (next == 0x40)
        {
            r.ReadByte();
            return new Instruction(opcode, at, 0, (uint)BlockTypeKind.Empty);
        }
        if (next >= 0 && (next & 0xC0) == 0x40)
        {
            var type = ModuleDecoder.ReadValueType(ref r);
            return new Instruction(opcode, at, (uint)type, (uint)BlockTypeKind.Single);
        }
        int typeAt = r.Position;
        long index = r.ReadS33();
        if (index < 0) DecoderThrowHelper.Throw(typeAt, "malformed block type");
        return new Instruction(opcode, at, (uint)index, (uint)BlockTypeKind.TypeIndex);
    }

    /// <summary>Every instruction other than the structured ones, by its first byte.</summary>
    private Instruction ReadPlain(ref WasmReader r, byte op, int at)
    {
        switch (op)
        {
            case 0x00: case 0x01: case 0x0F: case 0x1A: case 0x1B: case 0xD1:
                return new Instruction((Opcode)op, at);
            case 0x0C: case 0x0D: case 0x10:
            case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
            case 0xD2:
                return new Instruction((Opcode)op, at, r.ReadU32());
            case 0x0E:
                return ReadBrTable(ref r, at);
            case 0x11:
                {
                    uint type = r.ReadU32();
                    return new Instruction(Opcode.CallIndirect, at, type, r.ReadU32());
                }
            case 0x1C:
                return ReadTypedSelect(ref r, at);
            case 0x3F: case 0x40:
                r.ReadZeroByte();
                return new Instruction((Opcode)op, at);
            case 0x41:
                return new Instruction(Opcode.I32Const, at, (uint)r.ReadS32());
            case 0x42:
                return new Instruction(Opcode.I64Const, at, c: (ulong)r.ReadS64());
            case 0x43:
                return new Instruction(Opcode.F32Const, at, r.ReadFixedU32());
            case 0x44:
                return new Instruction(Opcode.F64Const, at, c: r.ReadFixedU64());
            case 0xD0:
                return new Instruction(Opcode.RefNull, at, (uint)ModuleDecoder.ReadReferenceType(ref r));
            case 0xFC:
                return ReadPrefixed(ref r, at);
            case 0xFD:
                return ReadSimd(ref r, at);
            default:
                if (op >= 0x28 && op <= 0x3E) return ReadMemoryAccess(ref r, op, at);
                if (op >= 0x45 && op <= 0xC4) return new Instruction((Opcode)op, at);
                throw DecoderThrowHelper.Create(at, "illegal opcode");
        }
    }

    /// <summary>br_table: a vector of label indices, then the default label.</summary>
    private static Instruction ReadBrTable(ref WasmReader r, int at)
    {
        int count = r.ReadLength();
        var labels = count == 0 ? Array.Empty<uint>() : new uint[count];
        for (int i = 0; i < count; i++) labels[i] = r.ReadU32();
        uint defaultLabel = r.ReadU32();
        return new Instruction(Opcode.BrTable, at, defaultLabel, labels: labels);
    }

    /// <summary>select with a vector of value types: A = the first type, B = how many were given.</summary>
    private static Instruction ReadTypedSelect(ref WasmReader r, int at)
    {
        int count = r.ReadLength();
        uint first = 0;
        for (int i = 0; i < count; i++)
        {
            var type = ModuleDecoder.ReadValueType(ref r);
            if (i == 0) first = (uint)type;
        }
        return new Instruction(Opcode.SelectTyped, at, first, (uint)count);
    }

    /// <summary>
    /// Loads and stores with a memarg (https://webassembly.github.io/spec/core/binary/instructions.html#memory-instructions):
    /// the alignment exponent (below 32, else "malformed memop flags") then the offset.
    /// </summary>
    private static Instruction ReadMemoryAccess(ref WasmReader r, byte op, int at)
    {
        int alignAt = r.Position;
        uint align = r.ReadU32();
        if (align >= 32) DecoderThrowHelper.Throw(alignAt, "malformed memop flags");
        uint offset = r.ReadU32();
        return new Instruction((Opcode)op, at, align, offset);
    }
}
