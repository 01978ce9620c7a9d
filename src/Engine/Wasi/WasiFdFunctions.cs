using System.Buffers.Binary;
using System.Text;

namespace Djinn.Engine.Wasi;

/// <summary>
/// The descriptor functions that work on any open descriptor (wasi_snapshot_preview1.witx): fd_read, fd_write,
/// fd_close, fd_seek, fd_tell, fd_fdstat_get, fd_fdstat_set_flags, fd_filestat_get, fd_prestat_get,
/// fd_prestat_dir_name and fd_renumber (the file-only ones are in <see cref="WasiFdFileFunctions"/>). Result pointers
/// are checked before any I/O happens, so a fault never loses data that was already read or written. Reads and writes
/// need the fd_read/fd_write right (ENOTCAPABLE once dropped; EBADF on the wrong end of stdio, as POSIX).
/// </summary>
internal sealed class WasiFdFunctions
{
    private readonly WasiContext _context;

    public WasiFdFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("fd_read", new Func<int, int, int, int, int>(FdRead));
        add("fd_write", new Func<int, int, int, int, int>(FdWrite));
        add("fd_close", new Func<int, int>(FdClose));
        add("fd_seek", new Func<int, long, int, int, int>(FdSeek));
        add("fd_tell", new Func<int, int, int>(FdTell));
        add("fd_fdstat_get", new Func<int, int, int>(FdFdstatGet));
        add("fd_fdstat_set_flags", new Func<int, int, int>(FdFdstatSetFlags));
        add("fd_filestat_get", new Func<int, int, int>(FdFilestatGet));
        add("fd_prestat_get", new Func<int, int, int>(FdPrestatGet));
        add("fd_prestat_dir_name", new Func<int, int, int, int>(FdPrestatDirName));
        add("fd_renumber", new Func<int, int, int>(FdRenumber));
    }

    /// <summary>
    /// <c>fd_read(fd, iovs: iovec_array) -> (errno, size)</c>. Fills the buffers in order and stops after a short read,
    /// so it blocks at most once; 0 bytes read means end of file.
    /// </summary>
    public int FdRead(int fd, int iovs, int iovsCount, int readPointer)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        if (descriptor is WasiDirectoryDescriptor) return (int)WasiErrno.IsDir;
        if (!descriptor.Has(WasiRights.FdRead)) return (int)(descriptor is StdioDescriptor { IsInput: false } ? WasiErrno.Badf : WasiErrno.NotCapable);
        var memory = _context.GuestMemory;
        if (!memory.InBounds(readPointer, 4)) return (int)WasiErrno.Fault;
        var status = memory.TryReadIovecs(iovs, iovsCount, out var buffers);
        if (status != WasiErrno.Success) return (int)status;
        long total = 0;
        foreach (var (pointer, length) in buffers)
        {
            if (length == 0) continue;
            memory.TrySlice(pointer, length, out var target);
            status = descriptor.Read(target, out int read);
            if (status != WasiErrno.Success)
            {
                if (total == 0) return (int)status;
                break; // report what was read; the error will show on the next call
            }
            total += read;
            if (read < length) break;
        }
        memory.TryWriteUInt32(readPointer, (uint)total);
        return 0;
    }

    /// <summary><c>fd_write(fd, iovs: ciovec_array) -> (errno, size)</c>. Writes every buffer in order.</summary>
    public int FdWrite(int fd, int iovs, int iovsCount, int writtenPointer)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        if (descriptor is WasiDirectoryDescriptor) return (int)WasiErrno.IsDir;
        if (!descriptor.Has(WasiRights.FdWrite)) return (int)(descriptor is StdioDescriptor { IsInput: true } ? WasiErrno.Badf : WasiErrno.NotCapable);
        var memory = _context.GuestMemory;
        if (!memory.InBounds(writtenPointer, 4)) return (int)WasiErrno.Fault;
        var status = memory.TryReadIovecs(iovs, iovsCount, out var buffers);
        if (status != WasiErrno.Success) return (int)status;
        long total = 0;
        foreach (var (pointer, length) in buffers)
        {
            memory.TrySlice(pointer, length, out var data);
            status = descriptor.Write(data);
            if (status != WasiErrno.Success)
            {
                if (total == 0) return (int)status;
                break;
            }
            total += length;
        }
        memory.TryWriteUInt32(writtenPointer, (uint)total);
        return 0;
    }

    /// <summary><c>fd_close(fd) -> errno</c>. Closing stdio is allowed; the host's streams stay open.</summary>
    public int FdClose(int fd) => _context.Descriptors.Close(fd) ? 0 : (int)WasiErrno.Badf;

    /// <summary>
    /// <c>fd_seek(fd, offset: filedelta, whence) -> (errno, filesize)</c>. Character devices give ESPIPE, a position
    /// before the start EINVAL. Needs fd_seek (fd_tell suffices for a seek of 0 from the current position).
    /// </summary>
    public int FdSeek(int fd, long offset, int whence, int resultPointer)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        if (!_context.GuestMemory.InBounds(resultPointer, 8)) return (int)WasiErrno.Fault;
        if ((uint)whence > (uint)WasiWhence.End) return (int)WasiErrno.Inval;
        if (descriptor is WasiDirectoryDescriptor) return (int)WasiErrno.Badf;
        bool isTell = offset == 0 && whence == (int)WasiWhence.Cur;
        if (descriptor is WasiFileDescriptor && !descriptor.Has(WasiRights.FdSeek) && !(isTell && descriptor.Has(WasiRights.FdTell)))
            return (int)WasiErrno.NotCapable;
        var status = descriptor.Seek(offset, (WasiWhence)whence, out long position);
        if (status != WasiErrno.Success) return (int)status;
        _context.GuestMemory.TryWriteUInt64(resultPointer, (ulong)position);
        return 0;
    }

    /// <summary><c>fd_tell(fd) -> (errno, filesize)</c>: a seek of 0 from the current position.</summary>
    public int FdTell(int fd, int resultPointer) => FdSeek(fd, 0, (int)WasiWhence.Cur, resultPointer);

    /// <summary><c>fd_fdstat_get(fd) -> (errno, fdstat)</c>; see <see cref="WasiLayout.FdstatSize"/> for the layout.</summary>
    public int FdFdstatGet(int fd, int resultPointer)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        if (!_context.GuestMemory.TrySlice(resultPointer, WasiLayout.FdstatSize, out var target)) return (int)WasiErrno.Fault;
        target.Clear();
        target[0] = (byte)descriptor.FileType;
        BinaryPrimitives.WriteUInt16LittleEndian(target[2..], (ushort)descriptor.Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(target[8..], (ulong)descriptor.RightsBase);
        BinaryPrimitives.WriteUInt64LittleEndian(target[16..], (ulong)descriptor.RightsInheriting);
        return 0;
    }

    /// <summary><c>fd_fdstat_set_flags(fd, flags: fdflags) -> errno</c>. Unknown flag bits give EINVAL.</summary>
    public int FdFdstatSetFlags(int fd, int flags)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        if ((descriptor.RightsBase & WasiRights.FdFdstatSetFlags) == 0) return (int)WasiErrno.NotCapable;
        if ((flags & ~(int)WasiFdFlags.All) != 0) return (int)WasiErrno.Inval;
        descriptor.Flags = (WasiFdFlags)flags;
        return 0;
    }

    /// <summary>
    /// <c>fd_filestat_get(fd) -> (errno, filestat)</c>; see <see cref="WasiLayout.FilestatSize"/>.
    /// Stdio reports its file type with zero device, inode, size and times; files and directories their host fstat/lstat.
    /// </summary>
    public int FdFilestatGet(int fd, int resultPointer)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        if (!descriptor.Has(WasiRights.FdFilestatGet)) return (int)WasiErrno.NotCapable;
        if (!_context.GuestMemory.TrySlice(resultPointer, WasiLayout.FilestatSize, out var target)) return (int)WasiErrno.Fault;
        try
        {
            return (int)descriptor.GetFilestat(target);
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return (int)WasiFsErrors.FromException(e);
        }
    }

    /// <summary><c>fd_prestat_get(fd) -> (errno, prestat)</c>. EBADF for every descriptor that is not a preopen.</summary>
    public int FdPrestatGet(int fd, int resultPointer)
    {
        var name = _context.Descriptors.Get(fd)?.PreopenName;
        if (name is null) return (int)WasiErrno.Badf;
        if (!_context.GuestMemory.TrySlice(resultPointer, WasiLayout.PrestatSize, out var target)) return (int)WasiErrno.Fault;
        target.Clear();
        target[0] = 0; // $preopentype dir
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], (uint)Encoding.UTF8.GetByteCount(name));
        return 0;
    }

    /// <summary>
    /// <c>fd_prestat_dir_name(fd, path: Pointer&lt;u8&gt;, path_len: size) -> errno</c>: the preopen's name, not NUL-terminated.
    /// A buffer shorter than the name gives ENAMETOOLONG.
    /// </summary>
    public int FdPrestatDirName(int fd, int pathPointer, int pathLength)
    {
        var name = _context.Descriptors.Get(fd)?.PreopenName;
        if (name is null) return (int)WasiErrno.Badf;
        var bytes = Encoding.UTF8.GetBytes(name);
        if ((uint)pathLength < (uint)bytes.Length) return (int)WasiErrno.NameTooLong;
        if (!_context.GuestMemory.TrySlice(pathPointer, bytes.Length, out var target)) return (int)WasiErrno.Fault;
        bytes.CopyTo(target);
        return 0;
    }

    /// <summary><c>fd_renumber(fd, to: fd) -> errno</c>: moves <paramref name="fd"/> onto <paramref name="to"/>, closing the latter.</summary>
    public int FdRenumber(int fd, int to) => (int)_context.Descriptors.Renumber(fd, to);
}
