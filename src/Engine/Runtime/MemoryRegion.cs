using System.Runtime.InteropServices;

namespace Djinn.Engine.Runtime;

/// <summary>
/// The address space of one linear memory: a reservation that is never moved, inaccessible (PROT_NONE) except for
/// the memory's current pages. Growing a memory makes more pages accessible in place, so the base address compiled
/// code holds stays valid and nothing is copied. With guard pages (<see cref="GuardPageTraps.Active"/>) the
/// reservation covers every address a wasm32 access can form (a 32-bit address plus a 32-bit offset plus the access
/// size), so an access past the memory's end always lands on an inaccessible page and faults instead of reaching
/// another allocation; without them it covers the largest memory supported and compiled code checks each access.
/// </summary>
internal sealed unsafe class MemoryRegion
{
    private const string Libc = "libc";
    private const int ProtNone = 0, ProtReadWrite = 3;
    private const int MapPrivate = 0x02, MapAnonymous = 0x20, MapNoReserve = 0x4000;
    private const int MadviseDontNeed = 4;

    /// <summary>Above this many bytes, clearing hands the pages back to the kernel (they read as zero) instead of writing zeros.</summary>
    private const long ClearByWritingLimit = 256 * 1024;

    /// <summary>Bytes reserved per memory with guard pages: 4 GiB of addresses + 4 GiB of offsets + one page for the access size.</summary>
    public const long GuardedReservationBytes = (8L << 30) + Memory.PageSize;

    /// <summary>Bytes reserved per memory without guard pages: the largest memory supported.</summary>
    public const long CheckedReservationBytes = (long)Memory.MaxPagesSupported * Memory.PageSize;

    /// <summary>Bytes reserved for every memory of this process.</summary>
    public static readonly long ReservationBytes = GuardPageTraps.Active ? GuardedReservationBytes : CheckedReservationBytes;

    /// <summary>
    /// A region no page of which is ever accessible: the base of a memory that has none (a detached memory), so an
    /// access through it faults with guard pages, and fails its bounds check (length 0) without them.
    /// </summary>
    public static readonly MemoryRegion Inaccessible = Reserve();

    private MemoryRegion(nint address) => Base = address;

    /// <summary>The first byte; fixed for the region's lifetime.</summary>
    public nint Base { get; private set; }

    /// <summary>Bytes from <see cref="Base"/> that may be read and written.</summary>
    public long Accessible { get; private set; }

    /// <summary>Reserves a region with no accessible byte. Throws <see cref="OutOfMemoryException"/> when the address space is exhausted.</summary>
    public static MemoryRegion Reserve()
    {
        nint address = Map();
        if (address == -1)
        {
            // Regions of memories nobody disposed are unmapped by their finalizers; let them run once and retry.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            address = Map();
        }
        if (address == -1) throw new OutOfMemoryException($"could not reserve {ReservationBytes} bytes of address space for a linear memory (errno {Marshal.GetLastPInvokeError()})");
        return new MemoryRegion(address);
    }

    private static nint Map() => mmap(0, (nuint)ReservationBytes, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);

    /// <summary>
    /// Makes exactly the first <paramref name="bytes"/> accessible (a multiple of the page size); pages given up are
    /// handed back to the kernel first. False when the kernel refuses to commit more (the region is unchanged).
    /// </summary>
    public bool TrySetAccessible(long bytes)
    {
        if (bytes == Accessible) return true;
        if (bytes > ReservationBytes || ReferenceEquals(this, Inaccessible)) return false;
        if (bytes > Accessible)
        {
            if (mprotect(Base + (nint)Accessible, (nuint)(bytes - Accessible), ProtReadWrite) != 0) return false;
        }
        else
        {
            madvise(Base + (nint)bytes, (nuint)(Accessible - bytes), MadviseDontNeed);
            if (mprotect(Base + (nint)bytes, (nuint)(Accessible - bytes), ProtNone) != 0) return false;
        }
        Accessible = bytes;
        return true;
    }

    /// <summary>Zeroes the first <paramref name="used"/> bytes (the rest were never written, so they are still zero).</summary>
    public void Clear(long used)
    {
        used = Math.Min(used, Accessible);
        if (used <= 0) return;
        if (used <= ClearByWritingLimit) NativeMemory.Clear((void*)Base, (nuint)used);
        else if (madvise(Base, (nuint)used, MadviseDontNeed) != 0) NativeMemory.Clear((void*)Base, (nuint)used);
    }

    /// <summary>The accessible bytes as a span (a memory is at most 2 GiB, so its length fits).</summary>
    public Span<byte> Span(long offset, int length) => new((void*)(Base + (nint)offset), length);

    /// <summary>Unmaps the region now; it must not be used again.</summary>
    public void Free()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~MemoryRegion() => Release();

    private void Release()
    {
        if (Base == 0) return;
        munmap(Base, (nuint)ReservationBytes);
        Base = 0;
        Accessible = 0;
    }

    [DllImport(Libc, SetLastError = true)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport(Libc, SetLastError = true)]
    private static extern int mprotect(nint address, nuint length, int protection);

    [DllImport(Libc, SetLastError = true)]
    private static extern int madvise(nint address, nuint length, int advice);

    [DllImport(Libc, SetLastError = true)]
    private static extern int munmap(nint address, nuint length);
}
