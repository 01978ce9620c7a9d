namespace Djinn.Engine.Wasi;

/// <summary>The functions of wasi_snapshot_preview1 (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/witx/wasi_snapshot_preview1.witx).</summary>
internal static class WasiModule
{
    public const string Name = "wasi_snapshot_preview1";

    /// <summary>Every function name of the preview1 import namespace, in witx order.</summary>
    public static readonly IReadOnlyList<string> FunctionNames =
    [
        "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
        "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
        "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
        "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
        "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
        "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
        "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
        "sock_recv", "sock_send", "sock_shutdown",
    ];

    /// <summary>
    /// Creates the host callbacks bound to <paramref name="context"/>, by name. They become <see cref="Function"/>s only
    /// when a guest imports them (see <see cref="WasiContext.GetFunction"/>), which keeps a fresh store cheap.
    /// </summary>
    public static Dictionary<string, Delegate> CreateFunctions(WasiContext context)
    {
        var functions = new Dictionary<string, Delegate>(StringComparer.Ordinal);
        void Add(string name, Delegate callback) => functions.Add(name, callback);

        new WasiArgsEnvironFunctions(context).Register(Add);
        new WasiClockFunctions(context).Register(Add);
        new WasiProcFunctions(context).Register(Add);
        new WasiFdFunctions(context).Register(Add);
        new WasiFdFileFunctions(context).Register(Add);
        new WasiReaddirFunction(context).Register(Add);
        new WasiPathFunctions(context).Register(Add);
        new WasiPathLinkFunctions(context).Register(Add);
        new WasiPollFunctions(context).Register(Add);
        WasiSocketFunctions.Register(Add);
        return functions;
    }
}
