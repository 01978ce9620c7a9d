namespace Djinn.Engine.Wasi;

/// <summary>
/// The socket functions of wasi_snapshot_preview1.witx, with their exact core signatures so that any guest importing
/// them links. Djinn grants no sockets, so no descriptor is ever a socket and every call answers ENOTSUP.
/// </summary>
internal static class WasiSocketFunctions
{
    private const int NotSup = (int)WasiErrno.NotSup;

    public static void Register(Action<string, Delegate> add)
    {
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
