namespace Djinn.Engine.Tests.Wasi.WasiFs;

public sealed class WasiPathOpsTests : IDisposable
{
    private readonly FsHarness _fs = new(populate: root =>
    {
        File.WriteAllText(Path.Combine(root, "file.txt"), "content");
        Directory.CreateDirectory(Path.Combine(root, "full"));
        File.WriteAllText(Path.Combine(root, "full", "x"), "x");
    });

    public void Dispose() => _fs.Dispose();

    [Fact]
    public void Create_and_remove_directories()
    {
        Assert.Equal(0, _fs.PathCall("path_create_directory", "d"));
        Assert.True(Directory.Exists(_fs.HostPath("d")));
        Assert.Equal(20, _fs.PathCall("path_create_directory", "d"));
        Assert.Equal(20, _fs.PathCall("path_create_directory", "file.txt"));
        Assert.Equal(0, _fs.PathCall("path_create_directory", "d/e/"));
        Assert.Equal(44, _fs.PathCall("path_create_directory", "nope/e"));
        Assert.Equal(55, _fs.PathCall("path_remove_directory", "d"));   // ENOTEMPTY
        Assert.Equal(0, _fs.PathCall("path_remove_directory", "d/e"));
        Assert.Equal(0, _fs.PathCall("path_remove_directory", "d/"));
        Assert.False(Directory.Exists(_fs.HostPath("d")));
        Assert.Equal(44, _fs.PathCall("path_remove_directory", "d"));
        Assert.Equal(54, _fs.PathCall("path_remove_directory", "file.txt"));
        Assert.Equal(28, _fs.PathCall("path_remove_directory", "."));   // never the preopen itself
        Assert.Equal(28, _fs.PathCall("path_remove_directory", "full/.."));
        Assert.True(Directory.Exists(_fs.Root));
        Assert.Equal(54, _fs.PathCall("path_create_directory", "file.txt/d"));
        Assert.Equal(37, _fs.PathCall("path_create_directory", new string('n', 300)));   // ENAMETOOLONG from the host
        Assert.Equal(37, _fs.PathOpen(new string('n', 300) + "/x", out _));
    }

    [Fact]
    public void Unlink_removes_files_and_symlinks_but_not_directories()
    {
        Assert.Equal(0, _fs.Symlink("full", "dirlink"));
        Assert.Equal(0, _fs.PathCall("path_unlink_file", "dirlink"));       // the link, not the directory
        Assert.True(Directory.Exists(_fs.HostPath("full")));
        Assert.Equal(31, _fs.PathCall("path_unlink_file", "full"));         // EISDIR
        Assert.Equal(0, _fs.PathCall("path_unlink_file", "full/x"));
        Assert.Equal(44, _fs.PathCall("path_unlink_file", "full/x"));
        Assert.Equal(54, _fs.PathCall("path_unlink_file", "file.txt/"));
        Assert.Equal(0, _fs.PathCall("path_unlink_file", "file.txt"));
        Assert.False(File.Exists(_fs.HostPath("file.txt")));
    }

    [Fact]
    public void Rename_follows_posix_rename()
    {
        Assert.Equal(0, _fs.Rename("file.txt", "full/moved.txt"));
        Assert.Equal("content", _fs.FileText("full/moved.txt"));
        Assert.Equal(44, _fs.Rename("file.txt", "again"));
        File.WriteAllText(_fs.HostPath("other"), "other");
        Assert.Equal(0, _fs.Rename("other", "full/moved.txt"));              // replaces a file
        Assert.Equal("other", _fs.FileText("full/moved.txt"));
        Assert.Equal(0, _fs.PathCall("path_create_directory", "empty"));
        Assert.Equal(55, _fs.Rename("empty", "full"));                       // onto a non-empty directory
        File.WriteAllText(_fs.HostPath("plain"), "p");
        Assert.Equal(54, _fs.Rename("empty", "plain"));                      // a directory onto a file: ENOTDIR
        Assert.Equal(31, _fs.Rename("plain", "empty"));                      // a file onto a directory: EISDIR
        Assert.Equal(0, _fs.Rename("full", "renamed"));
        Assert.True(Directory.Exists(_fs.HostPath("renamed")));
        Assert.Equal(28, _fs.Rename(".", "x"));
        Assert.Equal(54, _fs.Rename("plain", "newname/"));                   // a file cannot become a directory name
        Assert.Equal(0, _fs.Rename("empty", "emptier/"));
        int sub = _fs.OpenOk("renamed", oflags: 2);
        Assert.Equal(0, _fs.Rename("moved.txt", "back.txt", dir: sub, newDir: 3)); // across directory descriptors
        Assert.Equal("other", _fs.FileText("back.txt"));
    }

    [Fact]
    public void Filestat_get_and_set_times_through_paths()
    {
        Assert.Equal(0, _fs.Symlink("file.txt", "link"));
        Assert.Equal(0, _fs.PathStat("link"));
        Assert.Equal(4, _fs.Filestat.Type);
        Assert.Equal(7UL, _fs.Filestat.Size);
        ulong ino = _fs.Filestat.Ino;
        Assert.Equal(0, _fs.PathStat("link", lookup: 0));
        Assert.Equal(7, _fs.Filestat.Type);
        Assert.Equal(8UL, _fs.Filestat.Size);                                   // "file.txt"
        Assert.NotEqual(ino, _fs.Filestat.Ino);
        Assert.Equal(0, _fs.PathStat("full"));
        Assert.Equal(3, _fs.Filestat.Type);
        Assert.Equal(44, _fs.PathStat("missing"));
        Assert.Equal(28, _fs.PathStat("file.txt", lookup: 2));                 // unknown lookupflags

        Assert.Equal(0, _fs.SetTimes("link", 3_000_000_001, 4_000_000_002, 1 | 4));
        Assert.Equal(0, _fs.PathStat("file.txt"));
        Assert.Equal(3_000_000_001UL, _fs.Filestat.Atim);
        Assert.Equal(4_000_000_002UL, _fs.Filestat.Mtim);
        Assert.Equal(0, _fs.SetTimes("link", 0, 9_000_000_000, 4, lookup: 0));  // the link's own time
        Assert.Equal(0, _fs.PathStat("link", lookup: 0));
        Assert.Equal(9_000_000_000UL, _fs.Filestat.Mtim);
        Assert.Equal(0, _fs.PathStat("file.txt"));
        Assert.Equal(4_000_000_002UL, _fs.Filestat.Mtim);
        Assert.Equal(28, _fs.SetTimes("file.txt", 0, 0, 4 | 8));
        Assert.Equal(44, _fs.SetTimes("missing", 0, 0, 8));
        Assert.Equal(21, _fs.H.Get<Func<int, int, int, int, int, int>>("path_filestat_get")(3, 0, 1000, 4, 65530));
    }

    [Fact]
    public void Readlink_symlink_and_link()
    {
        Assert.Equal(0, _fs.Symlink("full/x", "link"));
        Assert.Equal("full/x", File.ResolveLinkTarget(_fs.HostPath("link"), false)!.ToString().Replace(_fs.Root + "/", ""));
        Assert.Equal(20, _fs.Symlink("other", "link"));
        Assert.Equal(20, _fs.Symlink("other", "file.txt"));
        Assert.Equal(44, _fs.Symlink("", "empty"));
        Assert.Equal(0, _fs.Readlink("link", 100, out var target));
        Assert.Equal("full/x", target);
        Assert.Equal(0, _fs.Readlink("link", 3, out target));                 // cut to buf_len
        Assert.Equal("ful", target);
        Assert.Equal(28, _fs.Readlink("file.txt", 100, out _));                // not a link
        Assert.Equal(44, _fs.Readlink("missing", 100, out _));
        Assert.Equal(21, _fs.H.Get<Func<int, int, int, int, int, int, int>>("path_readlink")(3, 1000, 4, 65530, 100, 100));

        Assert.Equal(0, _fs.Link("file.txt", "hard"));
        Assert.Equal(0, _fs.PathStat("file.txt"));
        Assert.Equal(2UL, _fs.Filestat.Nlink);
        Assert.Equal(20, _fs.Link("file.txt", "hard"));
        Assert.Equal(63, _fs.Link("full", "dirlink"));                         // EPERM: no links to directories
        Assert.Equal(44, _fs.Link("missing", "m"));
        Assert.Equal(0, _fs.Link("link", "hard-to-link", lookup: 0));          // the symlink itself
        Assert.Equal(0, _fs.PathStat("hard-to-link", lookup: 0));
        Assert.Equal(7, _fs.Filestat.Type);
        Assert.Equal(0, _fs.Link("link", "hard-to-target", lookup: 1));        // what it points to
        Assert.Equal(0, _fs.PathStat("hard-to-target", lookup: 0));
        Assert.Equal(4, _fs.Filestat.Type);
        Assert.Equal(2UL, _fs.Filestat.Nlink);
    }

    [Fact]
    public void Path_functions_need_a_directory_descriptor_and_their_rights()
    {
        int file = _fs.OpenOk("file.txt");
        Assert.Equal(54, _fs.PathCall("path_create_directory", "d", dir: file));
        Assert.Equal(8, _fs.PathCall("path_create_directory", "d", dir: 42));
        Assert.Equal(54, _fs.PathStat("x", dir: file));
        var setRights = _fs.H.Get<Func<int, long, long, int>>("fd_fdstat_set_rights");
        Assert.Equal(0, setRights(3, (1 << 13) | (1 << 18), 0));              // path_open, path_filestat_get only
        Assert.Equal(76, _fs.PathCall("path_create_directory", "d"));
        Assert.Equal(76, _fs.PathCall("path_remove_directory", "full"));
        Assert.Equal(76, _fs.PathCall("path_unlink_file", "file.txt"));
        Assert.Equal(76, _fs.Rename("file.txt", "y"));
        Assert.Equal(76, _fs.Symlink("file.txt", "y"));
        Assert.Equal(76, _fs.Link("file.txt", "y"));
        Assert.Equal(76, _fs.Readlink("file.txt", 10, out _));
        Assert.Equal(76, _fs.SetTimes("file.txt", 0, 0, 8));
        Assert.Equal(0, _fs.PathStat("file.txt"));
        Assert.True(File.Exists(_fs.HostPath("file.txt")));
    }

    [Fact]
    public void Guest_paths_must_be_utf8_without_nul()
    {
        _fs.H.Bytes[1000] = 0xFF;
        Assert.Equal(25, _fs.H.Get<Func<int, int, int, int>>("path_create_directory")(3, 1000, 1)); // EILSEQ
        Assert.Equal(28, _fs.PathCall("path_create_directory", "a\0b"));
        Assert.Equal(44, _fs.PathCall("path_create_directory", ""));
        Assert.Equal(["file.txt", "full"], Directory.EnumerateFileSystemEntries(_fs.Root).Select(Path.GetFileName).Order());
    }
}
