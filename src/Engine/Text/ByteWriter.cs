namespace Djinn.Engine.Text;

/// <summary>A growable byte buffer with the LEB128 encodings of https://webassembly.github.io/spec/core/binary/values.html.</summary>
internal sealed class ByteWriter
{
    private readonly List<byte> _bytes = [];

    /// <summary>Number of bytes written.</summary>
    public int Length => _bytes.Count;

    /// <summary>Appends one byte.</summary>
    public void Byte(byte b) => _bytes.Add(b);

    /// <summary>Appends raw bytes.</summary>
    public void Bytes(IEnumerable<byte> bytes) => _bytes.AddRange(bytes);

    /// <summary>Appends an unsigned LEB128.</summary>
    public void U32(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            _bytes.Add(b);
        }
        while (value != 0);
    }

    /// <summary>Appends a signed LEB128.</summary>
    public void S64(long value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            _bytes.Add(b);
            if (done) return;
        }
    }

    /// <summary>Appends a little-endian integer of <paramref name="count"/> bytes.</summary>
    public void Fixed(ulong value, int count)
    {
        for (int i = 0; i < count; i++) _bytes.Add((byte)(value >> (8 * i)));
    }

    /// <summary>Appends a length-prefixed byte vector (names, data).</summary>
    public void Vec(byte[] bytes)
    {
        U32((ulong)bytes.Length);
        _bytes.AddRange(bytes);
    }

    /// <summary>The bytes written.</summary>
    public byte[] ToArray() => _bytes.ToArray();
}
