using System.Buffers.Binary;
using System.Text;

namespace Djinn.Engine.Binary;

/// <summary>
/// A forward-only cursor over a whole module binary with the primitive decoders of
/// https://webassembly.github.io/spec/core/binary/values.html. Every failure throws
/// <see cref="ModuleParseException"/> with the byte offset and the spec suite's wording.
/// Reads are bounded by the end of the module only (as in the reference interpreter); the callers
/// check that sections and function bodies consume exactly their declared size.
/// </summary>
internal ref struct WasmReader
{
    /// <summary>Cause used whenever a read runs past the end of the module.</summary>
    public const string UnexpectedEnd = "unexpected end of section or function";

    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    /// <summary>Creates a reader positioned at the first byte of <paramref name="bytes"/>.</summary>
    public WasmReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>The total length of the module.</summary>
    public readonly int Length => _bytes.Length;

    /// <summary>Bytes left until the end of the module.</summary>
    public readonly int Remaining => _bytes.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _bytes.Length;

    /// <summary>The next byte without consuming it, or -1 at the end.</summary>
    public readonly int Peek() => _position < _bytes.Length ? _bytes[_position] : -1;

    /// <summary>Reads one raw byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _bytes.Length) DecoderThrowHelper.Throw(_bytes.Length, UnexpectedEnd);
        return _bytes[_position++];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (a view into the module).</summary>
    public ReadOnlySpan<byte> ReadSpan(int count)
    {
        if (count < 0 || count > Remaining) DecoderThrowHelper.Throw(_bytes.Length, UnexpectedEnd);
        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads a little-endian 32-bit word (f32 bits or the header words).</summary>
    public uint ReadFixedU32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4));

    /// <summary>Reads a little-endian 64-bit word (f64 bits).</summary>
    public ulong ReadFixedU64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadSpan(8));

    /// <summary>Reads a single zero byte (reserved memory index of memory.size and friends).</summary>
    public void ReadZeroByte()
    {
        int at = _position;
        if (ReadByte() != 0) DecoderThrowHelper.Throw(at, "zero byte expected");
    }

    /// <summary>
    /// Reads a <c>u32</c> length and checks that it does not exceed the bytes left in the module
    /// ("length out of bounds"), so a claimed vector count can never cause a huge allocation
    /// (every element takes at least one byte).
    /// </summary>
    public int ReadLength()
    {
        // As in the reference interpreter, the bound counts from the start of the length itself.
        int at = _position;
        uint n = ReadU32();
        if (n > (uint)(_bytes.Length - at)) DecoderThrowHelper.Throw(at, "length out of bounds");
        return (int)n;
    }

    /// <summary>Reads a byte vector (https://webassembly.github.io/spec/core/binary/values.html#bytes).</summary>
    public ReadOnlySpan<byte> ReadByteVector() => ReadSpan(ReadLength());

    /// <summary>Reads a name: a byte vector that must be valid UTF-8 (https://webassembly.github.io/spec/core/binary/values.html#names).</summary>
    public string ReadName()
    {
        int at = _position;
        var raw = ReadByteVector();
        if (!System.Text.Unicode.Utf8.IsValid(raw)) DecoderThrowHelper.Throw(at, "malformed UTF-8 encoding");
        return Encoding.UTF8.GetString(raw);
    }

    /// <summary>Reads an unsigned LEB128 <c>u32</c>.</summary>
    public uint ReadU32() => (uint)ReadUnsigned(32);

    /// <summary>Reads an unsigned LEB128 of 1 bit (the limits flag): 0 or 1.</summary>
    public bool ReadU1() => ReadUnsigned(1) == 1;

    /// <summary>Reads a signed LEB128 <c>s32</c>.</summary>
    public int ReadS32() => (int)ReadSigned(32);

    /// <summary>Reads a signed LEB128 <c>s33</c> (block type indices).</summary>
    public long ReadS33() => ReadSigned(33);

    /// <summary>Reads a signed LEB128 <c>s64</c>.</summary>
    public long ReadS64() => ReadSigned(64);

    /// <summary>
    /// Unsigned LEB128 of at most ceil(bits/7) bytes whose unused bits in the last byte are zero
    /// (https://webassembly.github.io/spec/core/binary/values.html#integers).
    /// </summary>
    private ulong ReadUnsigned(int bits)
    {
        ulong result = 0;
        int shift = 0;
        for (int n = bits; ; n -= 7)
        {
            if (n <= 0) DecoderThrowHelper.Throw(_position, "integer representation too long");
            byte b = ReadByte();
            if (n < 7 && (b & 0x7F) >= (1 << n)) DecoderThrowHelper.Throw(_position - 1, "integer too large");
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }

    /// <summary>
    /// Signed LEB128 of at most ceil(bits/7) bytes; the unused bits of the last byte must all equal the sign bit
    /// (https://webassembly.github.io/spec/core/binary/values.html#integers).
    /// </summary>
    private long ReadSigned(int bits)
    {
        long result = 0;
        int shift = 0;
        for (int n = bits; ; n -= 7)
        {
            if (n <= 0) DecoderThrowHelper.Throw(_position, "integer representation too long");
            byte b = ReadByte();
            if (n < 7)
            {
                int mask = (-1 << (n - 1)) & 0x7F;
                int high = b & mask;
                if (high != 0 && high != mask) DecoderThrowHelper.Throw(_position - 1, "integer too large");
            }
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
        }
    }
}
