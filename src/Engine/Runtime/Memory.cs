using System.Buffers.Binary;
using System.Text;

namespace Djinn.Engine;

/// <summary>
/// A linear memory: a bounds-checked managed <c>byte[]</c> measured in 64 KiB pages
/// (https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances).
/// </summary>
public sealed class Memory
{
    /// <summary>Bytes in one WebAssembly page.</summary>
    public const int PageSize = 65536;

    /// <summary>The most pages a managed byte[] can hold (just under 2 GiB).</summary>
    public const uint MaxPagesSupported = 32767;

    /// <summary>The guest-visible bytes. Read by compiled code; replaced on grow.</summary>
    internal byte[] Bytes;

    private readonly uint _effectiveMax;
    private readonly Runtime.MemoryAccount? _account;

    /// <summary>Creates a memory of <paramref name="minimumPages"/>, growable to <paramref name="maximumPages"/>, counted against the store's memory limit.</summary>
    public Memory(Store store, uint minimumPages, uint? maximumPages = null)
        : this(new MemoryType(new Limits(minimumPages, maximumPages)), store.MemoryAccount)
    {
    }

    /// <summary>Creates a memory; when <paramref name="account"/> is given its bytes are reserved there first.</summary>
    /// <exception cref="ResourceLimitException">The initial size exceeds the host limit or the account's limit.</exception>
    internal Memory(MemoryType type, Runtime.MemoryAccount? account)
    {
        Type = type;
        _account = account;
        _effectiveMax = Math.Min(type.Limits.Max ?? 65536, MaxPagesSupported);
        long bytes = (long)type.Limits.Min * PageSize;
        if (type.Limits.Min > _effectiveMax)
            throw new ResourceLimitException($"memory of {type.Limits.Min} pages exceeds the host limit of {MaxPagesSupported} pages");
        if (account is not null && !account.TryReserve(bytes))
            throw new ResourceLimitException($"memory of {type.Limits.Min} pages ({bytes} bytes) exceeds the store's memory limit of {account.Limit} bytes");
        if (account is null)
        {
            Bytes = bytes == 0 ? Array.Empty<byte>() : new byte[bytes];
        }
        else
        {
            Bytes = Runtime.MemoryPool.Rent(type.Limits.Min);
            account.Track(this);
        }
    }

    /// <summary>Empties the memory and hands its buffer back (see <see cref="Runtime.MemoryAccount.DetachAll"/>).</summary>
    internal byte[] Detach()
    {
        var bytes = Bytes;
        Bytes = Array.Empty<byte>();
        return bytes;
    }

    /// <summary>The declared type (minimum is the initial size).</summary>
    public MemoryType Type { get; private set; }

    /// <summary>Current size in bytes.</summary>
    public long Length => Bytes.LongLength;

    /// <summary>Current size in pages.</summary>
    public uint Pages => (uint)(Bytes.LongLength / PageSize);

    /// <summary>The declared maximum, if any.</summary>
    public uint? MaximumPages => Type.Limits.Max;

    /// <summary>The whole memory. Valid until the next grow.</summary>
    public Span<byte> GetSpan() => Bytes;

    /// <summary>A bounds-checked window of memory; throws a <see cref="TrapException"/> when out of bounds.</summary>
    public Span<byte> GetSpan(long address, int length)
    {
        if (!TryGetSpan(address, length, out var span)) throw new TrapException(TrapCode.MemoryOutOfBounds);
        return span;
    }

    /// <summary>A bounds-checked window of memory, or false when out of bounds.</summary>
    public bool TryGetSpan(long address, int length, out Span<byte> span)
    {
        if (address < 0 || length < 0 || address + length > Bytes.LongLength)
        {
            span = default;
            return false;
        }
        span = Bytes.AsSpan((int)address, length);
        return true;
    }

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    public int ReadInt32(long address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    public void WriteInt32(long address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    public long ReadInt64(long address) => BinaryPrimitives.ReadInt64LittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    public void WriteInt64(long address, long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(address, 8), value);

    /// <summary>Reads <paramref name="length"/> bytes of UTF-8.</summary>
    public string ReadString(long address, int length) => Encoding.UTF8.GetString(GetSpan(address, length));

    /// <summary>
    /// Grows by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when the
    /// declared maximum, the store's memory cap or the host limit would be exceeded.
    /// </summary>
    public int Grow(uint deltaPages)
    {
        uint old = Pages;
        if (deltaPages == 0) return (int)old;
        ulong wanted = (ulong)old + deltaPages;
        if (wanted > _effectiveMax) return -1;
        long delta = (long)deltaPages * PageSize;
        if (_account is not null && !_account.TryReserve(delta)) return -1;
        byte[] grown;
        try
        {
            grown = new byte[(long)wanted * PageSize];
        }
        catch (OutOfMemoryException)
        {
            _account?.Release(delta);
            return -1;
        }
        Buffer.BlockCopy(Bytes, 0, grown, 0, Bytes.Length);
        Bytes = grown;
        return (int)old;
    }
}
