using System.Buffers.Binary;

namespace Djinn.Engine.Text;

// Immediates of the SIMD instructions (https://webassembly.github.io/spec/core/text/instructions.html#vector-instructions).
internal sealed partial class ExprEncoder
{
    /// <summary>
    /// A lane index: an unsigned integer literal without sign (else "unexpected token") below 256
    /// (else "malformed lane index"). Whether it is below the shape's lane count is for the validator to check.
    /// </summary>
    private static byte LaneIndex(SNode head, Cursor c)
    {
        var n = c.Peek;
        if (n is null || n.Kind != SKind.Atom || !Numbers.TryParseNat(n.Text, out ulong lane))
            throw (n ?? head).Error($"unexpected token: {head.Text} needs a lane index");
        c.Next();
        if (lane > byte.MaxValue) throw n.Error("malformed lane index");
        return (byte)lane;
    }

    /// <summary>
    /// The lane indices of <c>i8x16.shuffle</c>: every number-like token that follows is taken, there must be exactly 16
    /// ("invalid lane length") and each must be an unsigned literal below 256 ("malformed lane index").
    /// </summary>
    private static void ShuffleLanes(SNode head, Cursor c, ByteWriter w)
    {
        Span<byte> lanes = stackalloc byte[16];
        int count = 0;
        SNode? malformed = null;
        while (c.Peek is SNode n && IsNumberToken(n))
        {
            c.Next();
            if (count < 16)
            {
                if (Numbers.TryParseNat(n.Text, out ulong lane) && lane <= byte.MaxValue) lanes[count] = (byte)lane;
                else malformed ??= n;
            }
            count++;
        }
        if (count != 16) throw (c.Peek ?? head).Error("invalid lane length");
        if (malformed is not null) throw malformed.Error("malformed lane index");
        for (int i = 0; i < 16; i++) w.Byte(lanes[i]);
    }

    /// <summary>
    /// Parses <c>shape lane*</c> of a v128 constant (https://webassembly.github.io/spec/core/text/instructions.html#vector-instructions)
    /// into its two little-endian halves. Integer lanes may be signed or unsigned within the lane width ("constant out of range");
    /// float lanes are float literals including <c>inf</c>, <c>nan</c> and <c>nan:0x...</c>. A shape needs exactly its lane
    /// count of literals ("wrong number of lane literals").
    /// </summary>
    public static (ulong Low, ulong High) V128(SNode head, Cursor c)
    {
        var shape = c.Peek;
        if (shape is null || shape.Kind != SKind.Atom) throw (shape ?? head).Error("unexpected token: v128.const needs a shape");
        var (lanes, bits, isFloat) = shape.Text switch
        {
            "i8x16" => (16, 8, false),
            "i16x8" => (8, 16, false),
            "i32x4" => (4, 32, false),
            "i64x2" => (2, 64, false),
            "f32x4" => (4, 32, true),
            "f64x2" => (2, 64, true),
            _ => throw shape.Error($"unexpected token: unknown v128 shape {shape.Text}"),
        };
        c.Next();

        // As in the reference interpreter, the lane count is checked before the literals are.
        int first = c.Position;
        for (int i = 0; i < lanes; i++)
        {
            var lane = c.Peek;
            if (lane is null || lane.Kind != SKind.Atom || IsBoundary(lane))
                throw (lane ?? head).Error("wrong number of lane literals");
            c.Next();
        }
        if (c.Peek is SNode extra && IsNumberToken(extra)) throw extra.Error("wrong number of lane literals");

        Span<byte> bytes = stackalloc byte[16];
        int width = bits / 8;
        for (int i = 0; i < lanes; i++)
        {
            var lane = c.Item(first + i);
            if (!IsNumberToken(lane)) throw lane.Error($"unknown operator {lane.Text}");
            ulong value = !isFloat ? Numbers.ParseInt(lane, bits)
                : bits == 32 ? Numbers.ParseF32(lane) : Numbers.ParseF64(lane);
            for (int b = 0; b < width; b++) bytes[i * width + b] = (byte)(value >> (8 * b));
        }
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }

    /// <summary>True for an atom that can only be a number literal: it starts with a digit or sign, or is <c>inf</c> or <c>nan...</c>.</summary>
    private static bool IsNumberToken(SNode n) =>
        n.IsNumber || (n.Kind == SKind.Atom && (n.Text == "inf" || n.Text.StartsWith("nan", StringComparison.Ordinal)));

    /// <summary>True for an atom that ends the lane literals of a plain v128.const: an id, or the next instruction or block keyword.</summary>
    private static bool IsBoundary(SNode n) =>
        n.IsId || n.Text is "end" or "else" or "then" || OpcodeTable.Entries.ContainsKey(n.Text);
}
