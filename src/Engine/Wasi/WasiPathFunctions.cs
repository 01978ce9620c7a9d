namespace Djinn.Engine.Wasi;

/// <summary>
/// path_open, path_create_directory, path_remove_directory, path_unlink_file and path_rename
/// (wasi_snapshot_preview1.witx). Every path goes through <see cref="WasiPathResolver"/>, so it stays inside the
/// preopen of the directory descriptor it is relative to; changes in a read-only preopen are EROFS.
/// </summary>
internal sealed class WasiPathFunctions
{
    private const WasiRights WriteRights = WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize;
    private readonly WasiContext _context;

    public WasiPathFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("path_open", new Func<int, int, int, int, int, long, long, int, int, int>(PathOpen));
        add("path_create_directory", new Func<int, int, int, int>(PathCreateDirectory));
        add("path_remove_directory", new Func<int, int, int, int>(PathRemoveDirectory));
        add("path_unlink_file", new Func<int, int, int, int>(PathUnlinkFile));
        add("path_rename", new Func<int, int, int, int, int, int, int>(PathRename));
    }

    /// <summary>
    /// <c>path_open(fd, dirflags: lookupflags, path: string, oflags, fs_rights_base: rights, fs_rights_inheriting: rights,
    /// fdflags) -> (errno, fd)</c>. The new descriptor gets the requested rights that the directory's inheriting rights
    /// allow, silently fewer (as wasi-libc and Rust's std expect: they ask for more than they need); creat needs
    /// path_create_file and trunc path_filestat_set_size. A directory opens as a directory descriptor (EISDIR when
    /// asked for writing or trunc), a symlink not followed is ELOOP. The new descriptor takes the lowest free number.
    /// </summary>
    public int PathOpen(int fd, int dirFlags, int pathPointer, int pathLength, int oFlags, long rightsBase, long rightsInheriting,
        int fdFlags, int resultPointer) => WasiFsAccess.Guard(() =>
    {
        var status = WasiFsAccess.GetDirectory(_context, fd, WasiRights.PathOpen, out var directory);
        if (status != WasiErrno.Success) return status;
        var memory = _context.GuestMemory;
        if (!memory.InBounds(resultPointer, 4)) return WasiErrno.Fault;
        status = WasiFsAccess.ReadPath(memory, pathPointer, pathLength, out var path);
        if (status != WasiErrno.Success) return status;
        if ((oFlags & ~(int)WasiOFlags.All) != 0 || (fdFlags & ~(int)WasiFdFlags.All) != 0) return WasiErrno.Inval;
        var o = (WasiOFlags)oFlags;
        var flags = (WasiFdFlags)fdFlags;
        if (_context.Descriptors.Count >= _context.Configuration.MaxOpenDescriptors) return WasiErrno.Mfile;
        var requested = (WasiRights)rightsBase;
        var inheriting = (WasiRights)rightsInheriting;

        bool writes = (o & WasiOFlags.Directory) == 0 && ((requested & WriteRights) != 0 || (flags & WasiFdFlags.Append) != 0);
        bool changes = (o & (WasiOFlags.Creat | WasiOFlags.Trunc)) != 0 || writes;
        if (changes && directory.Root.ReadOnly) return WasiErrno.Rofs;
        if ((o & WasiOFlags.Creat) != 0 && !directory.Has(WasiRights.PathCreateFile)) return WasiErrno.NotCapable;
        if ((o & WasiOFlags.Trunc) != 0 && !directory.Has(WasiRights.PathFilestatSetSize)) return WasiErrno.NotCapable;
        requested &= directory.RightsInheriting;
        inheriting &= directory.RightsInheriting;

        status = WasiPathResolver.Resolve(directory, path, (dirFlags & (int)WasiLookupFlags.SymlinkFollow) != 0, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;

        WasiDescriptor opened;
        if (resolved.Exists && resolved.Stat.IsDirectory)
        {
            if ((o & WasiOFlags.Creat) != 0 && (o & WasiOFlags.Excl) != 0) return WasiErrno.Exist;
            // Asked for as a directory, rights that only apply to files are simply not granted; otherwise writing is EISDIR.
            if ((o & WasiOFlags.Trunc) != 0 || ((o & WasiOFlags.Directory) == 0 && (requested & WriteRights) != 0)) return WasiErrno.IsDir;
            status = WasiHostCalls.OpenAt(resolved.Parent, resolved.Name, WasiHostCalls.OpenFlags.Directory | WasiHostCalls.OpenFlags.NoFollow,
                out var handle);
            if (status != WasiErrno.Success) return status;
            opened = new WasiDirectoryDescriptor(resolved.Root, directory.RootHandle, resolved.Components, handle!,
                requested & WasiRightSets.Directory, inheriting)
            {
                Flags = flags,
            };
        }
        else
        {
            status = OpenFile(resolved, o, flags, requested, inheriting, out opened!);
            if (status != WasiErrno.Success) return status;
        }
        memory = _context.GuestMemory;
        memory.TryWriteUInt32(resultPointer, (uint)_context.Descriptors.Add(opened));
        return WasiErrno.Success;
    });

    private static WasiErrno OpenFile(WasiResolvedPath resolved, WasiOFlags o, WasiFdFlags flags, WasiRights requested,
        WasiRights inheriting, out WasiDescriptor? opened)
    {
        opened = null;
        if (resolved.Exists)
        {
            if ((o & WasiOFlags.Creat) != 0 && (o & WasiOFlags.Excl) != 0) return WasiErrno.Exist;
            if (resolved.Stat.IsSymlink) return (o & WasiOFlags.Directory) != 0 ? WasiErrno.NotDir : WasiErrno.Loop;
            if ((o & WasiOFlags.Directory) != 0) return WasiErrno.NotDir;
        }
        else
        {
            if ((o & WasiOFlags.Creat) == 0) return WasiErrno.NoEnt;
            if ((o & WasiOFlags.Directory) != 0) return WasiErrno.Inval;
            if (resolved.TrailingSlash) return WasiErrno.IsDir;
        }

        bool write = (requested & WriteRights) != 0 || (o & WasiOFlags.Trunc) != 0;
        bool read = (requested & (WasiRights.FdRead | WasiRights.FdReaddir)) != 0 || !write;
        var host = (read && write ? WasiHostCalls.OpenFlags.ReadWrite : write ? WasiHostCalls.OpenFlags.WriteOnly : WasiHostCalls.OpenFlags.ReadOnly)
            | WasiHostCalls.OpenFlags.NoFollow;
        // A missing file is created with O_EXCL, so one that appeared since the walk is EEXIST, not something followed.
        if (!resolved.Exists) host |= WasiHostCalls.OpenFlags.Create | WasiHostCalls.OpenFlags.Exclusive;
        if ((o & WasiOFlags.Trunc) != 0) host |= WasiHostCalls.OpenFlags.Truncate;
        // A FIFO or device is always opened non-blocking: a blocking open(2) of a FIFO with no writer would hold the
        // host thread where no deadline can interrupt it.
        bool special = resolved.Exists && resolved.Stat.FileType is not WasiFileType.RegularFile;
        if ((flags & WasiFdFlags.NonBlock) != 0 || special) host |= WasiHostCalls.OpenFlags.NonBlock;
        if ((flags & (WasiFdFlags.Sync | WasiFdFlags.Rsync)) != 0) host |= WasiHostCalls.OpenFlags.Sync;
        else if ((flags & WasiFdFlags.Dsync) != 0) host |= WasiHostCalls.OpenFlags.Dsync;

        var status = WasiHostCalls.OpenAt(resolved.Parent, resolved.Name, host, out var handle);
        if (status != WasiErrno.Success) return status;
        status = WasiHostCalls.Stat(handle!, out var stat);
        if (status == WasiErrno.Success && stat.IsDirectory) status = WasiErrno.IsDir; // swapped in since the walk
        if (status != WasiErrno.Success)
        {
            handle!.Dispose();
            return status;
        }
        opened = new WasiFileDescriptor(handle!, stat.FileType, requested & WasiRightSets.File, inheriting, flags);
        return WasiErrno.Success;
    }

    /// <summary><c>path_create_directory(fd, path: string) -> errno</c>. EEXIST when the name exists (even as a dangling symlink).</summary>
    public int PathCreateDirectory(int fd, int pathPointer, int pathLength) => WasiFsAccess.Guard(() =>
    {
        var status = Resolve(fd, WasiRights.PathCreateDirectory, pathPointer, pathLength, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;
        return resolved.Exists ? WasiErrno.Exist : WasiHostCalls.CreateDirectoryAt(resolved.Parent, resolved.Name);
    });

    /// <summary>
    /// <c>path_remove_directory(fd, path: string) -> errno</c>: removes an empty directory (ENOTEMPTY otherwise,
    /// ENOTDIR for anything else). A path ending in <c>.</c> or <c>..</c>, which includes the preopen itself, is EINVAL.
    /// </summary>
    public int PathRemoveDirectory(int fd, int pathPointer, int pathLength) => WasiFsAccess.Guard(() =>
    {
        var status = Resolve(fd, WasiRights.PathRemoveDirectory, pathPointer, pathLength, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;
        if (resolved.EndsInDot || resolved.Name == ".") return WasiErrno.Inval;
        if (!resolved.Exists) return WasiErrno.NoEnt;
        return WasiHostCalls.UnlinkAt(resolved.Parent, resolved.Name, directory: true);
    });

    /// <summary><c>path_unlink_file(fd, path: string) -> errno</c>: removes a non-directory (EISDIR for a directory); a symlink itself is removed.</summary>
    public int PathUnlinkFile(int fd, int pathPointer, int pathLength) => WasiFsAccess.Guard(() =>
    {
        var status = Resolve(fd, WasiRights.PathUnlinkFile, pathPointer, pathLength, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;
        if (!resolved.Exists) return WasiErrno.NoEnt;
        if (resolved.Stat.IsDirectory) return WasiErrno.IsDir;
        return WasiHostCalls.UnlinkAt(resolved.Parent, resolved.Name, directory: false);
    });

    /// <summary>
    /// <c>path_rename(fd, old_path: string, new_fd: fd, new_path: string) -> errno</c>, with the semantics of POSIX
    /// rename: an existing target is replaced when compatible (ENOTEMPTY, EISDIR, ENOTDIR otherwise).
    /// </summary>
    public int PathRename(int fd, int oldPointer, int oldLength, int newFd, int newPointer, int newLength) => WasiFsAccess.Guard(() =>
    {
        var status = Resolve(fd, WasiRights.PathRenameSource, oldPointer, oldLength, out var source);
        if (status != WasiErrno.Success) return status;
        using var _ = source;
        status = Resolve(newFd, WasiRights.PathRenameTarget, newPointer, newLength, out var target);
        if (status != WasiErrno.Success) return status;
        using var __ = target;
        if (source.EndsInDot || target.EndsInDot || source.Name == "." || target.Name == ".") return WasiErrno.Inval;
        if (!source.Exists) return WasiErrno.NoEnt;
        if (target.TrailingSlash && !source.Stat.IsDirectory) return WasiErrno.NotDir;
        return WasiHostCalls.RenameAt(source.Parent, source.Name, target.Parent, target.Name);
    });

    /// <summary>Checks a changing call's directory and rights, reads its path and resolves it without following a final symlink.</summary>
    private WasiErrno Resolve(int fd, WasiRights rights, int pathPointer, int pathLength, out WasiResolvedPath resolved)
    {
        resolved = null!;
        var status = WasiFsAccess.GetWritableDirectory(_context, fd, rights, out var directory);
        if (status != WasiErrno.Success) return status;
        status = WasiFsAccess.ReadPath(_context.GuestMemory, pathPointer, pathLength, out var path);
        if (status != WasiErrno.Success) return status;
        return WasiPathResolver.Resolve(directory, path, followFinal: false, out resolved);
    }
}
