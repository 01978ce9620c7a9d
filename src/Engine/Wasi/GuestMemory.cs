using System.Buffers.Binary;

namespace Djinn.Engine.Wasi;

/// <summary>
/// Bounds-checked access to the guest's linear memory for host functions. WASI pointers and sizes are u32
/// (<c>(@witx pointer)</c>, <c>$size</c> in typenames.witx), so the guest's i32 arguments are reinterpreted as unsigned.
/// Nothing here throws: every access reports failure, which the callers turn into <see cref="WasiErrno.Fault"/>.
/// </summary>
internal readonly ref struct GuestMemory
{
    private readonly Span<byte> _bytes;

    /// <summary>Wraps the current bytes of <paramref name="memory"/> (empty when there is none).</summary>
    public GuestMemory(Memory? memory)
    {
        _bytes = memory is null ? Span<byte>.Empty : memory.GetSpan();
    }

    /// <summary>The window [<paramref name="pointer"/>, +<paramref name="length"/>), both read as u32.</summary>
    public bool TrySlice(int pointer, int length, out Span<byte> span)
    {
        ulong start = (uint)pointer;
        ulong size = (uint)length;
        if (start + size > (ulong)_bytes.Length)
        {
            span = default;
            return false;
        }
        span = _bytes.Slice((int)start, (int)size);
        return true;
    }

    /// <summary>True when [<paramref name="pointer"/>, +<paramref name="length"/>) lies inside memory.</summary>
    public bool InBounds(int pointer, long length) =>
        length >= 0 && (ulong)(uint)pointer + (ulong)length <= (ulong)_bytes.Length;

    public bool TryReadUInt32(int pointer, out uint value)
    {
        if (!TrySlice(pointer, 4, out var span))
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadUInt32LittleEndian(span);
        return true;
    }

    public bool TryWriteUInt32(int pointer, uint value)
    {
        if (!TrySlice(pointer, 4, out var span)) return false;
        BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        return true;
    }

    public bool TryWriteUInt64(int pointer, ulong value)
    {
        if (!TrySlice(pointer, 8, out var span)) return false;
        BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        return true;
    }

    /// <summary>
    /// Reads <paramref name="count"/> (c)iovecs at <paramref name="pointer"/> and checks that every buffer they name is in bounds.
    /// Returns <see cref="WasiErrno.Success"/>, <see cref="WasiErrno.Fault"/> or <see cref="WasiErrno.Inval"/> (total length above u32).
    /// </summary>
    public WasiErrno TryReadIovecs(int pointer, int count, out (int Pointer, int Length)[] iovecs)
    {
        iovecs = Array.Empty<(int, int)>();
        long tableSize = (long)(uint)count * WasiLayout.IovecSize;
        if (!InBounds(pointer, tableSize) || !TrySlice(pointer, (int)tableSize, out var table)) return WasiErrno.Fault;
        var result = new (int, int)[(uint)count];
        long total = 0;
        for (int i = 0; i < result.Length; i++)
        {
            var entry = table.Slice(i * WasiLayout.IovecSize, WasiLayout.IovecSize);
            uint buffer = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            if (!InBounds((int)buffer, length)) return WasiErrno.Fault;
            total += length;
            result[i] = ((int)buffer, (int)length);
        }
        if (total > uint.MaxValue) return WasiErrno.Inval;
        iovecs = result;
        return WasiErrno.Success;
    }
}
