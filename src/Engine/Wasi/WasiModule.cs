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

    /// <summary>The function groups: each binds its callbacks to one context.</summary>
    private static readonly Func<WasiContext, Action<Action<string, Delegate>>>[] s_groups =
    [
        context => new WasiArgsEnvironFunctions(context).Register,
        context => new WasiClockFunctions(context).Register,
        context => new WasiProcFunctions(context).Register,
        context => new WasiFdFunctions(context).Register,
        context => new WasiFdFileFunctions(context).Register,
        context => new WasiReaddirFunction(context).Register,
        context => new WasiPathFunctions(context).Register,
        context => new WasiPathLinkFunctions(context).Register,
        context => new WasiPollFunctions(context).Register,
        _ => WasiSocketFunctions.Register,
    ];

    /// <summary>Which group provides each function name (found once, by registering every group on an empty context).</summary>
    private static readonly Lazy<Dictionary<string, int>> s_groupOf = new(() =>
    {
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var probe = new WasiContext(new WasiConfiguration());
        for (int group = 0; group < s_groups.Length; group++)
        {
            int g = group;
            s_groups[group](probe)((name, _) => groupOf.Add(name, g));
        }
        return groupOf;
    });

    /// <summary>The number of function groups.</summary>
    public static int GroupCount => s_groups.Length;

    /// <summary>The group that provides <paramref name="name"/>; false when preview1 has no such function.</summary>
    public static bool TryGetGroup(string name, out int group) => s_groupOf.Value.TryGetValue(name, out group);

    /// <summary>
    /// Creates the host callbacks of one group bound to <paramref name="context"/>. A context binds a group only when a
    /// guest imports one of its functions (see <see cref="WasiContext.GetFunction"/>), which keeps a fresh store cheap.
    /// </summary>
    public static void RegisterGroup(WasiContext context, int group, Action<string, Delegate> add) => s_groups[group](context)(add);

    /// <summary>Creates every host callback bound to <paramref name="context"/>, by name.</summary>
    public static Dictionary<string, Delegate> CreateFunctions(WasiContext context)
    {
        var functions = new Dictionary<string, Delegate>(StringComparer.Ordinal);
        for (int group = 0; group < s_groups.Length; group++) RegisterGroup(context, group, functions.Add);
        return functions;
    }
}
