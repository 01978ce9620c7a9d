using System.Buffers.Binary;
using System.Text;

namespace Djinn.Engine;

/// <summary>
/// A linear memory measured in 64 KiB pages (https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances),
/// held in its own <see cref="Runtime.MemoryRegion"/>: native address space reserved once, whose first
/// <see cref="ByteLength"/> bytes are accessible. Growing makes more pages accessible in place, so the memory never
/// moves and nothing is copied. Compiled code reads <see cref="Base"/> and, when it checks accesses in code,
/// <see cref="ByteLength"/>; with guard pages (<see cref="GuardPageTraps"/>) an access past the end faults instead.
/// </summary>
public sealed class Memory
{
    /// <summary>Bytes in one WebAssembly page.</summary>
    public const int PageSize = 65536;

    /// <summary>The most pages a memory can have here (just under 2 GiB, so the whole memory fits a span).</summary>
    public const uint MaxPagesSupported = 32767;

    /// <summary>The address of byte 0. Read by compiled code; fixed until the memory is detached.</summary>
    internal nint Base;

    /// <summary>The memory's current size in bytes, a multiple of the page size. Read by compiled code for bounds checks.</summary>
    internal long ByteLength;

    private Runtime.MemoryRegion _region;
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
        var region = account is null ? Runtime.MemoryRegion.Reserve() : Runtime.MemoryPool.Rent();
        if (!region.TrySetAccessible(bytes))
        {
            account?.Release(bytes);
            Runtime.MemoryPool.Return(region, 0);
            throw new ResourceLimitException($"the host could not commit {bytes} bytes for a memory of {type.Limits.Min} pages");
        }
        _region = region;
        Base = region.Base;
        ByteLength = bytes;
        account?.Track(this);
    }

    /// <summary>
    /// Empties the memory (every later access traps) and hands back its region with the length that may hold
    /// non-zero bytes (see <see cref="Runtime.MemoryAccount.DetachAll"/>).
    /// </summary>
    internal (Runtime.MemoryRegion Region, long Used) Detach()
    {
        var detached = (_region, ByteLength);
        _region = Runtime.MemoryRegion.Inaccessible;
        Base = _region.Base;
        ByteLength = 0;
        return detached;
    }

    /// <summary>The declared type (minimum is the initial size).</summary>
    public MemoryType Type { get; private set; }

    /// <summary>Current size in bytes.</summary>
    public long Length => ByteLength;

    /// <summary>Current size in pages.</summary>
    public uint Pages => (uint)(ByteLength / PageSize);

    /// <summary>The declared maximum, if any.</summary>
    public uint? MaximumPages => Type.Limits.Max;

    /// <summary>The whole memory. Valid until the next grow.</summary>
    public Span<byte> GetSpan() => _region.Span(0, (int)ByteLength);

    /// <summary>A bounds-checked window of memory; throws a <see cref="TrapException"/> when out of bounds.</summary>
    public Span<byte> GetSpan(long address, int length)
    {
        if (!TryGetSpan(address, length, out var span)) throw new TrapException(TrapCode.MemoryOutOfBounds);
        return span;
    }

    /// <summary>A bounds-checked window of memory, or false when out of bounds.</summary>
    public bool TryGetSpan(long address, int length, out Span<byte> span)
    {
        if (address < 0 || length < 0 || address + length > ByteLength)
        {
            span = default;
            return false;
        }
        span = _region.Span(address, length);
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
        if (!_region.TrySetAccessible((long)wanted * PageSize))
        {
            _account?.Release(delta);
            return -1;
        }
        ByteLength = (long)wanted * PageSize;
        return (int)old;
    }
}
