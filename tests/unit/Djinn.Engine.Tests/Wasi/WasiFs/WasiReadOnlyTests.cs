namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>A read-only preopen can be read; every change below it is EROFS (or ENOTCAPABLE for rights it never had).</summary>
public sealed class WasiReadOnlyTests : IDisposable
{
    private const int Rofs = 69, NotCapable = 76;
    private readonly FsHarness _fs = new(readOnly: true, populate: root =>
    {
        File.WriteAllText(Path.Combine(root, "file.txt"), "content");
        Directory.CreateDirectory(Path.Combine(root, "dir"));
        File.CreateSymbolicLink(Path.Combine(root, "link"), "file.txt");
    });

    public void Dispose() => _fs.Dispose();

    [Fact]
    public void Reading_works()
    {
        Assert.Equal(0, _fs.PathOpen("file.txt", out int fd, rights: (1 << 1) | (1 << 2)));
        Assert.Equal(0, _fs.Read(fd, 100, out var text));
        Assert.Equal("content", text);
        Assert.Equal(0, _fs.PathStat("link"));
        Assert.Equal(0, _fs.Readlink("link", 10, out _));
        Assert.Equal(0, _fs.OpenOk("dir", oflags: 2) > 3 ? 0 : -1);
    }

    [Fact]
    public void Every_change_is_erofs_and_the_host_is_unchanged()
    {
        var before = Directory.EnumerateFileSystemEntries(_fs.Root, "*", SearchOption.AllDirectories).Order().ToArray();
        var mtime = File.GetLastWriteTimeUtc(_fs.HostPath("file.txt"));
        Assert.Equal(Rofs, _fs.PathOpen("new.txt", out _, oflags: 1));
        Assert.Equal(Rofs, _fs.PathOpen("file.txt", out _, oflags: 8));
        Assert.Equal(Rofs, _fs.PathOpen("file.txt", out _, rights: 1 << 6));
        Assert.Equal(Rofs, _fs.PathOpen("file.txt", out _, rights: 1 << 1, fdflags: 1));
        Assert.Equal(Rofs, _fs.PathCall("path_create_directory", "d"));
        Assert.Equal(Rofs, _fs.PathCall("path_remove_directory", "dir"));
        Assert.Equal(Rofs, _fs.PathCall("path_unlink_file", "file.txt"));
        Assert.Equal(Rofs, _fs.Rename("file.txt", "moved"));
        Assert.Equal(Rofs, _fs.Symlink("file.txt", "l2"));
        Assert.Equal(Rofs, _fs.Link("file.txt", "hard"));
        Assert.Equal(Rofs, _fs.SetTimes("file.txt", 0, 0, 8));

        // wasi-libc asks only for the rights the directory can hand down: the file opens without write rights.
        Assert.Equal(0, _fs.H.Get<Func<int, int, int>>("fd_fdstat_get")(3, 300));
        long inheriting = (long)_fs.H.U64(316);
        Assert.Equal(0, _fs.PathOpen("file.txt", out int fd, rights: inheriting & ~(1L << 6)));
        Assert.Equal(NotCapable, _fs.Write(fd, "x"));
        Assert.Equal(NotCapable, _fs.H.Get<Func<int, long, int>>("fd_filestat_set_size")(fd, 0));
        Assert.Equal(NotCapable, _fs.H.Get<Func<int, long, long, int>>("fd_allocate")(fd, 0, 100));
        Assert.Equal(NotCapable, _fs.H.Get<Func<int, long, long, int, int>>("fd_filestat_set_times")(fd, 0, 0, 8));
        Assert.Equal(NotCapable, _fs.H.Get<Func<int, long, long, int, int>>("fd_filestat_set_times")(3, 0, 0, 8));
        H_SetIovec();
        Assert.Equal(NotCapable, _fs.H.Get<Func<int, int, int, long, int, int>>("fd_pwrite")(fd, 200, 1, 0, FsHarness.Result));

        Assert.Equal(before, Directory.EnumerateFileSystemEntries(_fs.Root, "*", SearchOption.AllDirectories).Order());
        Assert.Equal("content", _fs.FileText("file.txt"));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(_fs.HostPath("file.txt")));
    }

    private void H_SetIovec() => _fs.H.SetIovec(200, FsHarness.Buffer, 1);
}
