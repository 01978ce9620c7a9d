namespace Djinn.Engine.Wasi;

/// <summary>
/// The rest of the preview1 import namespace, with the exact core signatures of wasi_snapshot_preview1.witx
/// so that any guest importing them links: filesystem calls answer ENOSYS until preopens exist, socket calls ENOTSUP.
/// Parameter comments give the witx names; <c>i64</c> parameters are the witx 64-bit types (filesize, timestamp, rights...).
/// </summary>
internal static class WasiUnsupportedFunctions
{
    private const int NoSys = (int)WasiErrno.NoSys;
    private const int NotSup = (int)WasiErrno.NotSup;

    public static void Register(Action<string, Delegate> add)
    {
        // fd_advise(fd, offset: filesize, len: filesize, advice)
        add("fd_advise", new Func<int, long, long, int, int>((_, _, _, _) => NoSys));
        // fd_allocate(fd, offset: filesize, len: filesize)
        add("fd_allocate", new Func<int, long, long, int>((_, _, _) => NoSys));
        add("fd_datasync", new Func<int, int>(_ => NoSys));
        // fd_fdstat_set_rights(fd, fs_rights_base: rights, fs_rights_inheriting: rights)
        add("fd_fdstat_set_rights", new Func<int, long, long, int>((_, _, _) => NoSys));
        // fd_filestat_set_size(fd, size: filesize)
        add("fd_filestat_set_size", new Func<int, long, int>((_, _) => NoSys));
        // fd_filestat_set_times(fd, atim: timestamp, mtim: timestamp, fst_flags)
        add("fd_filestat_set_times", new Func<int, long, long, int, int>((_, _, _, _) => NoSys));
        // fd_pread(fd, iovs, iovs_len, offset: filesize, nread*)
        add("fd_pread", new Func<int, int, int, long, int, int>((_, _, _, _, _) => NoSys));
        // fd_pwrite(fd, iovs, iovs_len, offset: filesize, nwritten*)
        add("fd_pwrite", new Func<int, int, int, long, int, int>((_, _, _, _, _) => NoSys));
        // fd_readdir(fd, buf, buf_len, cookie: dircookie, bufused*)
        add("fd_readdir", new Func<int, int, int, long, int, int>((_, _, _, _, _) => NoSys));
        add("fd_sync", new Func<int, int>(_ => NoSys));
        // path_create_directory(fd, path, path_len)
        add("path_create_directory", new Func<int, int, int, int>((_, _, _) => NoSys));
        // path_filestat_get(fd, flags: lookupflags, path, path_len, buf*)
        add("path_filestat_get", new Func<int, int, int, int, int, int>((_, _, _, _, _) => NoSys));
        // path_filestat_set_times(fd, flags, path, path_len, atim: timestamp, mtim: timestamp, fst_flags)
        add("path_filestat_set_times", new Func<int, int, int, int, long, long, int, int>((_, _, _, _, _, _, _) => NoSys));
        // path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)
        add("path_link", new Func<int, int, int, int, int, int, int, int>((_, _, _, _, _, _, _) => NoSys));
        // path_open(fd, dirflags, path, path_len, oflags, fs_rights_base: rights, fs_rights_inheriting: rights, fdflags, fd*)
        add("path_open", new Func<int, int, int, int, int, long, long, int, int, int>((_, _, _, _, _, _, _, _, _) => NoSys));
        // path_readlink(fd, path, path_len, buf, buf_len, bufused*)
        add("path_readlink", new Func<int, int, int, int, int, int, int>((_, _, _, _, _, _) => NoSys));
        // path_remove_directory(fd, path, path_len)
        add("path_remove_directory", new Func<int, int, int, int>((_, _, _) => NoSys));
        // path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)
        add("path_rename", new Func<int, int, int, int, int, int, int>((_, _, _, _, _, _) => NoSys));
        // path_symlink(old_path, old_path_len, fd, new_path, new_path_len)
        add("path_symlink", new Func<int, int, int, int, int, int>((_, _, _, _, _) => NoSys));
        // path_unlink_file(fd, path, path_len)
        add("path_unlink_file", new Func<int, int, int, int>((_, _, _) => NoSys));

        // sock_accept(fd, flags: fdflags, fd*)
        add("sock_accept", new Func<int, int, int, int>((_, _, _) => NotSup));
        // sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen*, ro_flags*)
        add("sock_recv", new Func<int, int, int, int, int, int, int>((_, _, _, _, _, _) => NotSup));
        // sock_send(fd, si_data, si_data_len, si_flags, so_datalen*)
        add("sock_send", new Func<int, int, int, int, int, int>((_, _, _, _, _) => NotSup));
        // sock_shutdown(fd, how: sdflags)
        add("sock_shutdown", new Func<int, int, int>((_, _) => NotSup));
    }
}
