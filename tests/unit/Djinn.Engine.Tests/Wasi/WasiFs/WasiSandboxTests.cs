namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>
/// Path resolution stays inside the preopen: "..", absolute paths and symlinks cannot lead out (EPERM, as wasmtime),
/// symlink chains are bounded (ELOOP after 32), and nothing outside is read, created or changed.
/// </summary>
public sealed class WasiSandboxTests : IDisposable
{
    private const int Perm = 63;
    private readonly FsHarness _fs;
    private readonly string _secret;

    public WasiSandboxTests()
    {
        _fs = new FsHarness(populate: root =>
        {
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            File.WriteAllText(Path.Combine(root, "file.txt"), "inside");
            File.CreateSymbolicLink(Path.Combine(root, "out"), "../secret.txt");
            File.CreateSymbolicLink(Path.Combine(root, "abs"), "/etc/passwd");
            Directory.CreateSymbolicLink(Path.Combine(root, "updir"), "..");
            Directory.CreateSymbolicLink(Path.Combine(root, "sub", "up2"), "../..");
            Directory.CreateSymbolicLink(Path.Combine(root, "sublink"), "sub");
        });
        _secret = Path.Combine(_fs.Temp, "secret.txt");
        File.WriteAllText(_secret, "secret");
    }

    public void Dispose() => _fs.Dispose();

    private string[] Outside() => Directory.EnumerateFileSystemEntries(_fs.Temp).Select(Path.GetFileName).Order().ToArray()!;

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("sub/../../secret.txt")]
    [InlineData("./sub/./../../secret.txt")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/environ")]
    [InlineData("../../../../../../proc/self/environ")]
    [InlineData("out")]
    [InlineData("abs")]
    [InlineData("updir/secret.txt")]
    [InlineData("sub/up2/secret.txt")]
    [InlineData("sublink/up2")]
    public void Every_path_function_refuses_a_path_that_leads_out(string path)
    {
        var before = Outside();
        Assert.Equal(Perm, _fs.PathOpen(path, out _, lookup: 1));
        Assert.Equal(Perm, _fs.PathOpen(path, out _, oflags: 1, lookup: 1));
        Assert.Equal(Perm, _fs.PathStat(path, lookup: 1));
        Assert.Equal(Perm, _fs.SetTimes(path, 0, 0, 8, lookup: 1));
        if (path is "out" or "abs" or "sublink/up2") return; // the links themselves are inside: lstat, readlink, unlink work on them
        string sibling = path == ".." ? "../new" : path + "-new";
        Assert.Equal(Perm, _fs.PathStat(path, lookup: 0));
        Assert.Equal(Perm, _fs.PathCall("path_create_directory", sibling));
        Assert.Equal(Perm, _fs.PathCall("path_remove_directory", path));
        Assert.Equal(Perm, _fs.PathCall("path_unlink_file", path));
        Assert.Equal(Perm, _fs.Rename(path, "stolen"));
        Assert.Equal(Perm, _fs.Rename("file.txt", sibling));
        Assert.Equal(Perm, _fs.Link(path, "hard"));
        Assert.Equal(Perm, _fs.Link("file.txt", sibling));
        Assert.Equal(Perm, _fs.Symlink("file.txt", sibling));
        Assert.Equal(Perm, _fs.Readlink(path, 100, out _));
        Assert.Equal(before, Outside());
        Assert.Equal("secret", File.ReadAllText(_secret));
        Assert.Equal("inside", _fs.FileText("file.txt"));
    }

    [Fact]
    public void Dot_dot_inside_the_preopen_and_symlinks_that_stay_inside_work()
    {
        Assert.Equal(0, _fs.PathOpen("sub/../file.txt", out _));
        Assert.Equal(0, _fs.PathOpen("sublink/../file.txt", out _));    // ".." of the real directory
        Assert.Equal(Perm, _fs.PathOpen("sub/up2/../file.txt", out _, lookup: 0)); // intermediate links are followed, and up2 leads out
        Assert.Equal(0, _fs.PathStat("out", lookup: 0));                // the link itself is inside
        Assert.Equal(0, _fs.Readlink("out", 100, out var target));
        Assert.Equal("../secret.txt", target);                          // its text is not a secret; its target is
        int sub = _fs.OpenOk("sub", oflags: 2);
        Assert.Equal(0, _fs.PathOpen("../file.txt", out _, dir: sub));  // a subdirectory descriptor may go up to the root
        Assert.Equal(Perm, _fs.PathOpen("../../secret.txt", out _, dir: sub));
        Assert.Equal(Perm, _fs.PathOpen("up2/secret.txt", out _, dir: sub));
    }

    [Fact]
    public void Symlink_targets_that_would_lead_out_are_refused()
    {
        Assert.Equal(Perm, _fs.Symlink("/etc/passwd", "l"));
        Assert.Equal(Perm, _fs.Symlink("../secret.txt", "l"));
        Assert.Equal(Perm, _fs.Symlink("sub/../../secret.txt", "l"));
        Assert.Equal(Perm, _fs.Symlink("../../secret.txt", "sub/l"));
        Assert.False(File.Exists(_fs.HostPath("l")) || File.Exists(_fs.HostPath("sub/l")));
        Assert.Equal(0, _fs.Symlink("../file.txt", "sub/ok"));
        Assert.Equal(0, _fs.Symlink("sub/../file.txt", "ok2"));
        Assert.Equal(0, _fs.Symlink("./sub", "ok3"));
        Assert.Equal(0, _fs.PathOpen("sub/ok", out _, lookup: 1));
        Assert.Equal(0, _fs.PathOpen("ok3/ok", out _, lookup: 1));
    }

    [Fact]
    public void Symlink_chains_are_followed_up_to_32_then_eloop()
    {
        // chain0 -> chain1 -> ... -> chain31 -> file.txt: 32 expansions.
        for (int i = 0; i < 32; i++) Assert.Equal(0, _fs.Symlink(i == 31 ? "file.txt" : $"chain{i + 1}", $"chain{i}"));
        Assert.Equal(0, _fs.PathOpen("chain0", out _, lookup: 1));
        Assert.Equal(0, _fs.Symlink("chain0", "chain-1"));
        Assert.Equal(32, _fs.PathOpen("chain-1", out _, lookup: 1));
        Assert.Equal(0, _fs.Symlink("self", "self"));
        Assert.Equal(32, _fs.PathOpen("self", out _, lookup: 1));
        Assert.Equal(32, _fs.PathStat("self/x", lookup: 0));             // intermediate links are always followed
    }

    [Fact]
    public void Proc_is_unreachable_even_through_many_dot_dots()
    {
        string path = string.Concat(Enumerable.Repeat("../", 64)) + "proc/self/environ";
        Assert.Equal(Perm, _fs.PathOpen(path, out _));
        Assert.Equal(Perm, _fs.PathOpen("sub/" + path, out _));
    }
}
