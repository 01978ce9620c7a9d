using System.Buffers.Binary;

namespace Djinn.Engine.Wasi;

/// <summary>
/// fd_readdir (wasi_snapshot_preview1.witx): <c>fd_readdir(fd, buf: Pointer&lt;u8&gt;, buf_len: size, cookie: dircookie)
/// -> (errno, size)</c>. Writes <c>$dirent</c> headers each followed by its name, starting at the entry after
/// <c>cookie</c> (0 is the start; each entry's d_next is the cookie of the one after it). When the buffer fills,
/// the last entry is cut short and bufused equals buf_len: the witx's signal that the end was not reached.
/// </summary>
internal sealed class WasiReaddirFunction
{
    private readonly WasiContext _context;

    public WasiReaddirFunction(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("fd_readdir", new Func<int, int, int, long, int, int>(FdReaddir));
    }

    /// <summary>Pages through a directory listing; needs fd_readdir (ENOTDIR on a non-directory).</summary>
    public int FdReaddir(int fd, int buffer, int bufferLength, long cookie, int usedPointer) => WasiFsAccess.Guard(() =>
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return WasiErrno.Badf;
        if (descriptor is not WasiDirectoryDescriptor directory) return WasiErrno.NotDir;
        if (!directory.Has(WasiRights.FdReaddir)) return WasiErrno.NotCapable;
        var memory = _context.GuestMemory;
        if (!memory.InBounds(buffer, (uint)bufferLength) || !memory.InBounds(usedPointer, 4)) return WasiErrno.Fault;
        var status = directory.GetEntries(refresh: cookie == 0, out var entries);
        if (status != WasiErrno.Success) return status;

        memory.TrySlice(buffer, bufferLength, out var output);
        int used = 0;
        Span<byte> header = stackalloc byte[WasiDirentLayout.Size];
        for (ulong index = (ulong)cookie; index < (ulong)entries.Count && used < output.Length; index++)
        {
            var entry = entries[(int)index];
            header.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(header, index + 1);           // d_next
            BinaryPrimitives.WriteUInt64LittleEndian(header[8..], entry.Inode);    // d_ino
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)entry.Name.Length); // d_namlen
            header[20] = (byte)entry.Type;                                         // d_type
            used += Copy(header, output[used..]);
            used += Copy(entry.Name, output[used..]);
        }
        memory.TryWriteUInt32(usedPointer, (uint)used);
        return WasiErrno.Success;
    });

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int length = Math.Min(source.Length, target.Length);
        source[..length].CopyTo(target);
        return length;
    }
}
