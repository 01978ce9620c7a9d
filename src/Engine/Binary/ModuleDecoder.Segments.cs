using Djinn.Engine.Model;

namespace Djinn.Engine.Binary;

/// <content>The element and data sections and constant expressions.</content>
internal static partial class ModuleDecoder
{
    /// <summary>
    /// A constant expression: an instruction sequence ending with <c>end</c>
    /// (https://webassembly.github.io/spec/core/binary/instructions.html#expressions). Decoded like a function body;
    /// the validator checks that only constant instructions occur.
    /// </summary>
    private static Instruction[] ReadConstantExpression(ref WasmReader r, DecodeState state) =>
        state.Instructions.ReadExpression(ref r);

    /// <summary>
    /// https://webassembly.github.io/spec/core/binary/modules.html#element-section: the flags (a u32) select one of
    /// eight encodings; bit 0 = passive or declarative, bit 1 = explicit table index (active) or declarative,
    /// bit 2 = expressions instead of function indices.
    /// </summary>
    private static void ReadElementSection(ref WasmReader r, ModuleDefinition module, DecodeState state)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            int segmentOffset = r.Position;
            uint flags = r.ReadU32();
            if (flags > 7) DecoderThrowHelper.Throw(segmentOffset, "malformed elements segment kind");
            bool passiveOrDeclarative = (flags & 1) != 0;
            bool explicitTableOrDeclarative = (flags & 2) != 0;
            bool usesExpressions = (flags & 4) != 0;

            var mode = !passiveOrDeclarative ? SegmentMode.Active
                : explicitTableOrDeclarative ? SegmentMode.Declarative : SegmentMode.Passive;
            uint table = 0;
            Instruction[]? offset = null;
            if (mode == SegmentMode.Active)
            {
                if (explicitTableOrDeclarative) table = r.ReadU32();
                offset = ReadConstantExpression(ref r, state);
            }

            // Encodings 0 and 4 imply funcref; the others carry an element kind (0x00 = funcref) or a reference type.
            var elementType = ValueKind.FuncRef;
            if (passiveOrDeclarative || explicitTableOrDeclarative)
            {
                if (usesExpressions)
                {
                    elementType = ReadReferenceType(ref r);
                }
                else
                {
                    int at = r.Position;
                    if (r.ReadByte() != 0x00) DecoderThrowHelper.Throw(at, "malformed element kind");
                }
            }

            int itemCount = r.ReadLength();
            var items = itemCount == 0 ? Array.Empty<Instruction[]>() : new Instruction[itemCount][];
            for (int j = 0; j < itemCount; j++)
            {
                if (usesExpressions)
                {
                    items[j] = ReadConstantExpression(ref r, state);
                }
                else
                {
                    int at = r.Position;
                    uint function = r.ReadU32();
                    items[j] = new[] { new Instruction(Opcode.RefFunc, at, function), new Instruction(Opcode.End, -1) };
                }
            }
            module.Elements.Add(new ElementSegment(mode, elementType, table, offset, items) { ByteOffset = segmentOffset });
        }
    }

    /// <summary>https://webassembly.github.io/spec/core/binary/modules.html#data-section: encodings 0 (active, memory 0), 1 (passive), 2 (active, explicit memory).</summary>
    private static void ReadDataSection(ref WasmReader r, ModuleDefinition module, DecodeState state)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++)
        {
            int segmentOffset = r.Position;
            uint flags = r.ReadU32();
            DataSegment segment;
            switch (flags)
            {
                case 0:
                    {
                        var offset = ReadConstantExpression(ref r, state);
                        segment = new DataSegment(SegmentMode.Active, 0, offset, r.ReadByteVector().ToArray());
                        break;
                    }
                case 1:
                    segment = new DataSegment(SegmentMode.Passive, 0, null, r.ReadByteVector().ToArray());
                    break;
                case 2:
                    {
                        uint memory = r.ReadU32();
                        var offset = ReadConstantExpression(ref r, state);
                        segment = new DataSegment(SegmentMode.Active, memory, offset, r.ReadByteVector().ToArray());
                        break;
                    }
                default:
                    throw DecoderThrowHelper.Create(segmentOffset, "malformed data segment kind");
            }
            module.Data.Add(segment with { ByteOffset = segmentOffset });
        }
    }
}
