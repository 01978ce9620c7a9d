using System.Text;

namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>
/// A WASI context with a fresh temporary directory preopened as fd 3 (<c>/sandbox</c>), and typed wrappers for the
/// filesystem host functions. Paths go to fixed scratch addresses: path 1 at 1000, path 2 at 2000, results at 100.
/// </summary>
internal sealed class FsHarness : IDisposable
{
    public const int Result = 100;
    public const int Buffer = 8192;
    public const long AllRights = (1L << 30) - 1;
    public const int Follow = 1;

    public FsHarness(bool readOnly = false, Action<string>? populate = null)
    {
        Temp = Directory.CreateTempSubdirectory("djinn-wasifs-").FullName;
        Root = Path.Combine(Temp, "sandbox");
        Directory.CreateDirectory(Root);
        populate?.Invoke(Root);
        Output = new MemoryStream();
        H = new WasiHarness(new WasiConfiguration().WithStdio(null, Output, null).PreopenDirectory(Root, "/sandbox", readOnly));
    }

    /// <summary>The folder holding the preopen (for files outside it).</summary>
    public string Temp { get; }

    /// <summary>The preopened host directory.</summary>
    public string Root { get; }

    public MemoryStream Output { get; }

    public WasiHarness H { get; }

    public string HostPath(string relative) => Path.Combine(Root, relative);

    public void Dispose() => Directory.Delete(Temp, recursive: true);

    public int PathOpen(string path, out int fd, int oflags = 0, long rights = AllRights, int fdflags = 0, int lookup = Follow, int dir = 3, long inheriting = AllRights)
    {
        H.SetU32(Result, 0xFFFF);
        int length = H.SetText(1000, path);
        int errno = H.Get<Func<int, int, int, int, int, long, long, int, int, int>>("path_open")(dir, lookup, 1000, length, oflags, rights, inheriting, fdflags, Result);
        fd = (int)H.U32(Result);
        return errno;
    }

    public int OpenOk(string path, int oflags = 0, long rights = AllRights, int fdflags = 0, int dir = 3)
    {
        Assert.Equal(0, PathOpen(path, out int fd, oflags, rights, fdflags, dir: dir));
        return fd;
    }

    public int Write(int fd, string text)
    {
        int length = H.SetText(Buffer, text);
        H.SetIovec(200, Buffer, length);
        return H.Get<Func<int, int, int, int, int>>("fd_write")(fd, 200, 1, Result);
    }

    public int Read(int fd, int count, out string text)
    {
        H.SetIovec(200, Buffer, count);
        int errno = H.Get<Func<int, int, int, int, int>>("fd_read")(fd, 200, 1, Result);
        text = errno == 0 ? H.Text(Buffer, (int)H.U32(Result)) : "";
        return errno;
    }

    public int Seek(int fd, long offset, int whence, out long position)
    {
        int errno = H.Get<Func<int, long, int, int, int>>("fd_seek")(fd, offset, whence, Result);
        position = (long)H.U64(Result);
        return errno;
    }

    public int Close(int fd) => H.Get<Func<int, int>>("fd_close")(fd);

    /// <summary>Calls one of the <c>(fd, path, path_len)</c> functions.</summary>
    public int PathCall(string name, string path, int dir = 3)
    {
        int length = H.SetText(1000, path);
        return H.Get<Func<int, int, int, int>>(name)(dir, 1000, length);
    }

    public int Rename(string from, string to, int dir = 3, int newDir = 3)
    {
        int a = H.SetText(1000, from);
        int b = H.SetText(2000, to);
        return H.Get<Func<int, int, int, int, int, int, int>>("path_rename")(dir, 1000, a, newDir, 2000, b);
    }

    public int Symlink(string target, string path, int dir = 3)
    {
        int a = H.SetText(1000, target);
        int b = H.SetText(2000, path);
        return H.Get<Func<int, int, int, int, int, int>>("path_symlink")(1000, a, dir, 2000, b);
    }

    public int Link(string from, string to, int lookup = 0, int dir = 3, int newDir = 3)
    {
        int a = H.SetText(1000, from);
        int b = H.SetText(2000, to);
        return H.Get<Func<int, int, int, int, int, int, int, int>>("path_link")(dir, lookup, 1000, a, newDir, 2000, b);
    }

    public int Readlink(string path, int bufferLength, out string target, int dir = 3)
    {
        int length = H.SetText(1000, path);
        int errno = H.Get<Func<int, int, int, int, int, int, int>>("path_readlink")(dir, 1000, length, Buffer, bufferLength, Result);
        target = errno == 0 ? H.Text(Buffer, (int)H.U32(Result)) : "";
        return errno;
    }

    /// <summary>path_filestat_get into <see cref="Buffer"/>.</summary>
    public int PathStat(string path, int lookup = Follow, int dir = 3)
    {
        int length = H.SetText(1000, path);
        return H.Get<Func<int, int, int, int, int, int>>("path_filestat_get")(dir, lookup, 1000, length, Buffer);
    }

    public int SetTimes(string path, long atim, long mtim, int flags, int lookup = Follow, int dir = 3)
    {
        int length = H.SetText(1000, path);
        return H.Get<Func<int, int, int, int, long, long, int, int>>("path_filestat_set_times")(dir, lookup, 1000, length, atim, mtim, flags);
    }

    /// <summary>fd_filestat_get into <see cref="Buffer"/>.</summary>
    public int FdStat(int fd) => H.Get<Func<int, int, int>>("fd_filestat_get")(fd, Buffer);

    /// <summary>The filestat fields at <see cref="Buffer"/>.</summary>
    public (ulong Dev, ulong Ino, byte Type, ulong Nlink, ulong Size, ulong Atim, ulong Mtim, ulong Ctim) Filestat =>
        (H.U64(Buffer), H.U64(Buffer + 8), H.Bytes[Buffer + 16], H.U64(Buffer + 24), H.U64(Buffer + 32), H.U64(Buffer + 40),
            H.U64(Buffer + 48), H.U64(Buffer + 56));

    public string FileText(string relative) => File.ReadAllText(HostPath(relative), Encoding.UTF8);
}
