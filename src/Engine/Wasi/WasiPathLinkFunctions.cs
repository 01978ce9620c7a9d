namespace Djinn.Engine.Wasi;

/// <summary>
/// path_filestat_get, path_filestat_set_times, path_readlink, path_symlink and path_link
/// (wasi_snapshot_preview1.witx), resolved inside the preopen like every path call.
/// </summary>
internal sealed class WasiPathLinkFunctions
{
    private readonly WasiContext _context;

    public WasiPathLinkFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("path_filestat_get", new Func<int, int, int, int, int, int>(PathFilestatGet));
        add("path_filestat_set_times", new Func<int, int, int, int, long, long, int, int>(PathFilestatSetTimes));
        add("path_readlink", new Func<int, int, int, int, int, int, int>(PathReadlink));
        add("path_symlink", new Func<int, int, int, int, int, int>(PathSymlink));
        add("path_link", new Func<int, int, int, int, int, int, int, int>(PathLink));
    }

    /// <summary><c>path_filestat_get(fd, flags: lookupflags, path: string) -> (errno, filestat)</c>: stat, or lstat without symlink_follow.</summary>
    public int PathFilestatGet(int fd, int flags, int pathPointer, int pathLength, int resultPointer) => WasiFsAccess.Guard(() =>
    {
        if (!_context.GuestMemory.InBounds(resultPointer, WasiLayout.FilestatSize)) return WasiErrno.Fault;
        var status = Resolve(fd, WasiRights.PathFilestatGet, flags, pathPointer, pathLength, writable: false, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;
        if (!resolved.Exists) return WasiErrno.NoEnt;
        _context.GuestMemory.TrySlice(resultPointer, WasiLayout.FilestatSize, out var target);
        resolved.Stat.WriteFilestat(target);
        return WasiErrno.Success;
    });

    /// <summary>
    /// <c>path_filestat_set_times(fd, flags: lookupflags, path: string, atim: timestamp, mtim: timestamp, fst_flags) -> errno</c>.
    /// Without symlink_follow a symlink's own times change.
    /// </summary>
    public int PathFilestatSetTimes(int fd, int flags, int pathPointer, int pathLength, long accessTime, long modifyTime, int fstFlags) =>
        WasiFsAccess.Guard(() =>
        {
            var status = Resolve(fd, WasiRights.PathFilestatSetTimes, flags, pathPointer, pathLength, writable: true, out var resolved);
            if (status != WasiErrno.Success) return status;
            using var _ = resolved;
            status = WasiFsAccess.BuildTimes(accessTime, modifyTime, fstFlags, out var times);
            if (status != WasiErrno.Success) return status;
            if (!resolved.Exists) return WasiErrno.NoEnt;
            return WasiHostCalls.SetTimesAt(resolved.Parent, resolved.Name, times);
        });

    /// <summary>
    /// <c>path_readlink(fd, path: string, buf: Pointer&lt;u8&gt;, buf_len: size) -> (errno, size)</c>: the link's contents,
    /// cut to buf_len and not NUL-terminated (EINVAL when the path is not a symlink).
    /// </summary>
    public int PathReadlink(int fd, int pathPointer, int pathLength, int buffer, int bufferLength, int usedPointer) => WasiFsAccess.Guard(() =>
    {
        var memory = _context.GuestMemory;
        if (!memory.InBounds(buffer, (uint)bufferLength) || !memory.InBounds(usedPointer, 4)) return WasiErrno.Fault;
        var status = Resolve(fd, WasiRights.PathReadlink, 0, pathPointer, pathLength, writable: false, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;
        if (!resolved.Exists) return WasiErrno.NoEnt;
        status = WasiHostCalls.ReadLinkAt(resolved.Parent, resolved.Name, out var target);
        if (status != WasiErrno.Success) return status;
        int length = (int)Math.Min((uint)target.Length, (uint)bufferLength);
        memory = _context.GuestMemory;
        memory.TrySlice(buffer, length, out var output);
        target.AsSpan(0, length).CopyTo(output);
        memory.TryWriteUInt32(usedPointer, (uint)length);
        return WasiErrno.Success;
    });

    /// <summary>
    /// <c>path_symlink(old_path: string, fd, new_path: string) -> errno</c>: creates new_path holding old_path. A target
    /// that is absolute or climbs out of the preopen (read lexically from the link's directory) is EPERM: such a link
    /// could never be followed anyway, and refusing it keeps the host tree free of links pointing out.
    /// </summary>
    public int PathSymlink(int targetPointer, int targetLength, int fd, int pathPointer, int pathLength) => WasiFsAccess.Guard(() =>
    {
        var status = WasiFsAccess.ReadPath(_context.GuestMemory, targetPointer, targetLength, out var target);
        if (status != WasiErrno.Success) return status;
        status = Resolve(fd, WasiRights.PathSymlink, 0, pathPointer, pathLength, writable: true, out var resolved);
        if (status != WasiErrno.Success) return status;
        using var _ = resolved;
        if (target.Length == 0) return WasiErrno.NoEnt;
        if (target.Contains('\0')) return WasiErrno.Inval;
        if (resolved.Exists) return WasiErrno.Exist;
        if (resolved.TrailingSlash) return WasiErrno.NoEnt;
        if (!WasiPathResolver.StaysInside(resolved.ParentComponents, target)) return WasiErrno.Perm;
        return WasiHostCalls.SymlinkAt(target, resolved.Parent, resolved.Name);
    });

    /// <summary>
    /// <c>path_link(old_fd, old_flags: lookupflags, old_path: string, new_fd, new_path: string) -> errno</c>: a hard link.
    /// Directories cannot be linked (EPERM); an existing new_path is EEXIST.
    /// </summary>
    public int PathLink(int oldFd, int oldFlags, int oldPointer, int oldLength, int newFd, int newPointer, int newLength) =>
        WasiFsAccess.Guard(() =>
        {
            var status = Resolve(oldFd, WasiRights.PathLinkSource, oldFlags, oldPointer, oldLength, writable: true, out var source);
            if (status != WasiErrno.Success) return status;
            using var _ = source;
            status = Resolve(newFd, WasiRights.PathLinkTarget, 0, newPointer, newLength, writable: true, out var target);
            if (status != WasiErrno.Success) return status;
            using var __ = target;
            if (!source.Exists) return WasiErrno.NoEnt;
            if (source.Stat.IsDirectory) return WasiErrno.Perm;
            if (target.Exists) return WasiErrno.Exist;
            if (target.TrailingSlash) return WasiErrno.NoEnt;
            return WasiHostCalls.LinkAt(source.Parent, source.Name, target.Parent, target.Name);
        });

    private WasiErrno Resolve(int fd, WasiRights rights, int lookupFlags, int pathPointer, int pathLength, bool writable,
        out WasiResolvedPath resolved)
    {
        resolved = null!;
        var status = writable
            ? WasiFsAccess.GetWritableDirectory(_context, fd, rights, out var directory)
            : WasiFsAccess.GetDirectory(_context, fd, rights, out directory);
        if (status != WasiErrno.Success) return status;
        status = WasiFsAccess.ReadPath(_context.GuestMemory, pathPointer, pathLength, out var path);
        if (status != WasiErrno.Success) return status;
        if ((lookupFlags & ~(int)WasiLookupFlags.SymlinkFollow) != 0) return WasiErrno.Inval;
        return WasiPathResolver.Resolve(directory, path, (lookupFlags & (int)WasiLookupFlags.SymlinkFollow) != 0, out resolved);
    }
}
