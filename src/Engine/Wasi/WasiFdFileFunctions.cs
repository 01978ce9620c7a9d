namespace Djinn.Engine.Wasi;

/// <summary>
/// The descriptor functions that only make sense on files and directories (wasi_snapshot_preview1.witx):
/// fd_pread, fd_pwrite, fd_sync, fd_datasync, fd_advise, fd_allocate, fd_filestat_set_size, fd_filestat_set_times
/// and fd_fdstat_set_rights. Each checks the right the witx names for it (ENOTCAPABLE when missing).
/// </summary>
internal sealed class WasiFdFileFunctions
{
    private readonly WasiContext _context;

    public WasiFdFileFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("fd_pread", new Func<int, int, int, long, int, int>(FdPread));
        add("fd_pwrite", new Func<int, int, int, long, int, int>(FdPwrite));
        add("fd_sync", new Func<int, int>(fd => Sync(fd, dataOnly: false)));
        add("fd_datasync", new Func<int, int>(fd => Sync(fd, dataOnly: true)));
        add("fd_advise", new Func<int, long, long, int, int>(FdAdvise));
        add("fd_allocate", new Func<int, long, long, int>(FdAllocate));
        add("fd_filestat_set_size", new Func<int, long, int>(FdFilestatSetSize));
        add("fd_filestat_set_times", new Func<int, long, long, int, int>(FdFilestatSetTimes));
        add("fd_fdstat_set_rights", new Func<int, long, long, int>(FdFdstatSetRights));
    }

    /// <summary>
    /// <c>fd_pread(fd, iovs: iovec_array, offset: filesize) -> (errno, size)</c>: reads at offset, leaving the file offset alone.
    /// Needs fd_read and fd_seek; streams are ESPIPE, directories EISDIR.
    /// </summary>
    public int FdPread(int fd, int iovs, int iovsCount, long offset, int readPointer) => WasiFsAccess.Guard(() =>
    {
        var status = GetPositioned(fd, WasiRights.FdRead | WasiRights.FdSeek, out var file);
        if (status != WasiErrno.Success) return status;
        var memory = _context.GuestMemory;
        if (!memory.InBounds(readPointer, 4)) return WasiErrno.Fault;
        status = memory.TryReadIovecs(iovs, iovsCount, out var buffers);
        if (status != WasiErrno.Success) return status;
        if (offset < 0) return WasiErrno.Inval;
        long total = 0;
        foreach (var (pointer, length) in buffers)
        {
            if (length == 0) continue;
            memory.TrySlice(pointer, length, out var target);
            status = file.ReadAt(target, offset + total, out int read);
            if (status != WasiErrno.Success)
            {
                if (total == 0) return status;
                break;
            }
            total += read;
            if (read < length) break;
        }
        memory.TryWriteUInt32(readPointer, (uint)total);
        return WasiErrno.Success;
    });

    /// <summary><c>fd_pwrite(fd, iovs: ciovec_array, offset: filesize) -> (errno, size)</c>: writes at offset. Needs fd_write and fd_seek.</summary>
    public int FdPwrite(int fd, int iovs, int iovsCount, long offset, int writtenPointer) => WasiFsAccess.Guard(() =>
    {
        var status = GetPositioned(fd, WasiRights.FdWrite | WasiRights.FdSeek, out var file);
        if (status != WasiErrno.Success) return status;
        var memory = _context.GuestMemory;
        if (!memory.InBounds(writtenPointer, 4)) return WasiErrno.Fault;
        status = memory.TryReadIovecs(iovs, iovsCount, out var buffers);
        if (status != WasiErrno.Success) return status;
        if (offset < 0) return WasiErrno.Inval;
        long total = 0;
        foreach (var (pointer, length) in buffers)
        {
            memory.TrySlice(pointer, length, out var data);
            status = file.WriteAt(data, offset + total);
            if (status != WasiErrno.Success)
            {
                if (total == 0) return status;
                break;
            }
            total += length;
        }
        memory.TryWriteUInt32(writtenPointer, (uint)total);
        return WasiErrno.Success;
    });

    /// <summary><c>fd_sync(fd) -> errno</c> and <c>fd_datasync(fd) -> errno</c>: fsync/fdatasync of a file or directory.</summary>
    public int Sync(int fd, bool dataOnly) => WasiFsAccess.Guard(() =>
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return WasiErrno.Badf;
        if (!descriptor.Has(dataOnly ? WasiRights.FdDatasync : WasiRights.FdSync)) return WasiErrno.NotCapable;
        switch (descriptor)
        {
            case WasiFileDescriptor file:
                return WasiHostCalls.Sync(file.Handle, dataOnly);
            case WasiDirectoryDescriptor directory:
                return WasiHostCalls.Sync(directory.Handle, dataOnly);
            default:
                return WasiErrno.Inval;
        }
    });

    /// <summary>
    /// <c>fd_advise(fd, offset: filesize, len: filesize, advice) -> errno</c>: advice (0 to 5) is checked and accepted;
    /// the host's page cache needs no hint from a sandboxed guest.
    /// </summary>
    public int FdAdvise(int fd, long offset, long length, int advice)
    {
        var status = GetFile(fd, WasiRights.FdAdvise, out _);
        if (status != WasiErrno.Success) return (int)status;
        if ((uint)advice > 5 || offset < 0 || length < 0) return (int)WasiErrno.Inval;
        return 0;
    }

    /// <summary><c>fd_allocate(fd, offset: filesize, len: filesize) -> errno</c>: grows the file to at least offset + len.</summary>
    public int FdAllocate(int fd, long offset, long length) => WasiFsAccess.Guard(() =>
    {
        var status = GetFile(fd, WasiRights.FdAllocate, out var file);
        if (status != WasiErrno.Success) return status;
        if (offset < 0 || length <= 0) return WasiErrno.Inval;
        if (offset > long.MaxValue - length) return WasiErrno.Fbig;
        status = file.GetSize(out long size);
        if (status != WasiErrno.Success) return status;
        return offset + length > size ? file.SetSize(offset + length) : WasiErrno.Success;
    });

    /// <summary><c>fd_filestat_set_size(fd, size: filesize) -> errno</c>: truncates or extends (with zeros).</summary>
    public int FdFilestatSetSize(int fd, long size) => WasiFsAccess.Guard(() =>
    {
        var status = GetFile(fd, WasiRights.FdFilestatSetSize, out var file);
        return status != WasiErrno.Success ? status : file.SetSize(size);
    });

    /// <summary><c>fd_filestat_set_times(fd, atim: timestamp, mtim: timestamp, fst_flags) -> errno</c>.</summary>
    public int FdFilestatSetTimes(int fd, long accessTime, long modifyTime, int flags) => WasiFsAccess.Guard(() =>
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return WasiErrno.Badf;
        if (!descriptor.Has(WasiRights.FdFilestatSetTimes)) return WasiErrno.NotCapable;
        var status = WasiFsAccess.BuildTimes(accessTime, modifyTime, flags, out var times);
        if (status != WasiErrno.Success) return status;
        return descriptor switch
        {
            WasiFileDescriptor file => WasiHostCalls.SetTimes(file.Handle, times),
            WasiDirectoryDescriptor directory => WasiHostCalls.SetTimes(directory.Handle, times),
            _ => WasiErrno.Badf,
        };
    });

    /// <summary>
    /// <c>fd_fdstat_set_rights(fd, fs_rights_base: rights, fs_rights_inheriting: rights) -> errno</c>: drops rights;
    /// asking for one the descriptor does not have is ENOTCAPABLE.
    /// </summary>
    public int FdFdstatSetRights(int fd, long rightsBase, long rightsInheriting)
    {
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return (int)WasiErrno.Badf;
        return (int)descriptor.SetRights((WasiRights)rightsBase, (WasiRights)rightsInheriting);
    }

    /// <summary>A file descriptor with <paramref name="rights"/>: EBADF, EISDIR for a directory, ENOTCAPABLE, EINVAL for stdio.</summary>
    private WasiErrno GetFile(int fd, WasiRights rights, out WasiFileDescriptor file)
    {
        file = null!;
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is null) return WasiErrno.Badf;
        if (descriptor is WasiDirectoryDescriptor) return WasiErrno.IsDir;
        if (!descriptor.Has(rights)) return WasiErrno.NotCapable;
        if (descriptor is not WasiFileDescriptor f) return WasiErrno.Inval;
        file = f;
        return WasiErrno.Success;
    }

    /// <summary>Like <see cref="GetFile"/> for positioned I/O: stdio and other streams are ESPIPE.</summary>
    private WasiErrno GetPositioned(int fd, WasiRights rights, out WasiFileDescriptor file)
    {
        file = null!;
        var descriptor = _context.Descriptors.Get(fd);
        if (descriptor is StdioDescriptor) return WasiErrno.Spipe;
        var status = GetFile(fd, rights, out file);
        if (status != WasiErrno.Success) return status;
        return file.FileType is WasiFileType.RegularFile or WasiFileType.BlockDevice ? WasiErrno.Success : WasiErrno.Spipe;
    }
}
