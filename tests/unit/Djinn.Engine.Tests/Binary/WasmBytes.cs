using System.Text;

namespace Djinn.Engine.Tests.Binary;

/// <summary>
/// Builds module binaries for tests: the header, then sections appended in call order with their sizes
/// computed. Section contents are given as byte fragments, concatenated.
/// </summary>
internal sealed class WasmBytes
{
    private readonly List<byte> _bytes = new() { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };

    /// <summary>The header alone.</summary>
    public static WasmBytes Module() => new();

    /// <summary>Appends a section with the given id; its size is the total length of <paramref name="parts"/>.</summary>
    public WasmBytes Section(byte id, params byte[][] parts)
    {
        var content = Concat(parts);
        _bytes.Add(id);
        _bytes.AddRange(U32((uint)content.Length));
        _bytes.AddRange(content);
        return this;
    }

    /// <summary>Appends raw bytes (for malformed cases).</summary>
    public WasmBytes Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Appends a section of vector form: the count, then the entries.</summary>
    public WasmBytes VectorSection(byte id, params byte[][] entries) => Section(id, Vec(entries));

    /// <summary>Type section with one <c>[] -> []</c> type, function section with <paramref name="count"/> functions of it.</summary>
    public WasmBytes VoidFunctions(int count)
    {
        VectorSection(1, new byte[] { 0x60, 0x00, 0x00 });
        var indices = new byte[count][];
        for (int i = 0; i < count; i++) indices[i] = new byte[] { 0x00 };
        return VectorSection(3, indices);
    }

    /// <summary>A code section with one function per body given as (instructions without the final end); no locals.</summary>
    public WasmBytes Code(params byte[][] bodies)
    {
        var entries = new byte[bodies.Length][];
        for (int i = 0; i < bodies.Length; i++) entries[i] = Body(Array.Empty<byte>(), bodies[i]);
        return VectorSection(10, entries);
    }

    /// <summary>The finished binary.</summary>
    public byte[] Build() => _bytes.ToArray();

    /// <summary>A code entry: size, local runs vector (already encoded), instructions, final end.</summary>
    public static byte[] Body(byte[] locals, byte[] instructions)
    {
        var content = Concat(locals.Length == 0 ? new byte[] { 0x00 } : locals, instructions, new byte[] { 0x0B });
        return Concat(U32((uint)content.Length), content);
    }

    /// <summary>A vector: the LEB count then the entries.</summary>
    public static byte[] Vec(params byte[][] entries) => Concat(U32((uint)entries.Length), Concat(entries));

    /// <summary>A name: length-prefixed UTF-8.</summary>
    public static byte[] Name(string s)
    {
        var utf8 = Encoding.UTF8.GetBytes(s);
        return Concat(U32((uint)utf8.Length), utf8);
    }

    /// <summary>Unsigned LEB128.</summary>
    public static byte[] U32(ulong value)
    {
        var result = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            result.Add(b);
        }
        while (value != 0);
        return result.ToArray();
    }

    /// <summary>Signed LEB128.</summary>
    public static byte[] S64(long value)
    {
        var result = new List<byte>();
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            result.Add(b);
            if (done) return result.ToArray();
        }
    }

    /// <summary>Concatenates fragments.</summary>
    public static byte[] Concat(params byte[][] parts)
    {
        int length = 0;
        foreach (var p in parts) length += p.Length;
        var result = new byte[length];
        int at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, at);
            at += p.Length;
        }
        return result;
    }

    /// <summary>Shorthand for a byte array.</summary>
    public static byte[] B(params byte[] bytes) => bytes;
}
