namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary>
/// The C fixtures (tests/fixtures/wasi, wasi-libc) on real directories: fs_ops must print exactly what Node's
/// node:wasi prints for the same program on the same fresh directory; escape must be refused at every step and
/// leave the host outside the preopen untouched.
/// </summary>
public sealed class WasiFsGuestTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("djinn-wasifs-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string FsOpsTree(string name)
    {
        string root = Path.Combine(_temp, name);
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        File.WriteAllText(Path.Combine(root, "hello.txt"), "hello, world\n");
        File.WriteAllText(Path.Combine(root, "sub", "inner.txt"), "inner\n");
        return root;
    }

    [Fact]
    public void Fs_ops_runs_every_step_with_the_expected_results()
    {
        string root = FsOpsTree("djinn");
        var (code, output) = GuestRunner.Run(GuestRunner.Fixture("fs_ops.wasm"), c => c.PreopenDirectory(root, "/sandbox"));
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(GuestRunner.Fixture("fs_ops.expected")), output);
        Assert.Equal(["dangling", "dlink", "hello.txt", "sub", "sub/inner.txt"], Listing(root));
        Assert.Equal("hello, world\n", File.ReadAllText(Path.Combine(root, "hello.txt")));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1500000000).UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(root, "hello.txt")));
    }

    [Theory]
    [InlineData("fs_ops.wasm")]   // C, wasi-libc
    [InlineData("fs_std.wasm")]   // Rust, std::fs
    public void Fixtures_print_the_same_as_node_wasi_and_leave_the_same_tree(string fixture)
    {
        if (!GuestRunner.HaveNode) return; // compared only where node is on PATH (it is in CI); the .expected files still apply
        string ours = FsOpsTree("djinn");
        string theirs = FsOpsTree("node");
        var (code, output) = GuestRunner.Run(GuestRunner.Fixture(fixture), c => c.PreopenDirectory(ours, "/sandbox"));
        var (nodeCode, nodeOutput) = GuestRunner.RunNode(GuestRunner.Fixture(fixture), theirs);
        Assert.Equal(nodeCode, code);
        Assert.Equal(nodeOutput, output);
        Assert.Equal(Listing(theirs), Listing(ours));
    }

    [Fact]
    public void The_rust_fixture_runs_every_step_with_the_expected_results()
    {
        string root = FsOpsTree("djinn");
        var (code, output) = GuestRunner.Run(GuestRunner.Fixture("fs_std.wasm"), c => c.PreopenDirectory(root, "/sandbox"));
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(GuestRunner.Fixture("fs_std.expected")), output);
        Assert.Equal(["hello.txt", "sub", "sub/inner.txt"], Listing(root));
    }

    [Fact]
    public void Escape_attempts_are_refused_and_nothing_outside_the_preopen_is_touched()
    {
        string outside = Path.Combine(_temp, "outside");
        string sandbox = Path.Combine(outside, "sandbox");
        Directory.CreateDirectory(Path.Combine(sandbox, "sub"));
        string secret = Path.Combine(outside, "secret.txt");
        File.WriteAllText(secret, "TOP SECRET\n");
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(secret, stamp);
        File.SetLastAccessTimeUtc(secret, stamp);
        File.WriteAllText(Path.Combine(sandbox, "file.txt"), "inside\n");
        File.CreateSymbolicLink(Path.Combine(sandbox, "out"), "../secret.txt");
        File.CreateSymbolicLink(Path.Combine(sandbox, "abs"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(sandbox, "proc"), "/proc/self/environ");
        Directory.CreateSymbolicLink(Path.Combine(sandbox, "updir"), "..");
        File.CreateSymbolicLink(Path.Combine(sandbox, "deep"), "sub/../../secret.txt");
        var before = Listing(outside);

        var (code, output) = GuestRunner.Run(GuestRunner.Fixture("escape.wasm"), c => c.PreopenDirectory(sandbox, "/sandbox")
            .WithEnvironment("GUEST_VISIBLE", "no"));

        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(GuestRunner.Fixture("escape.expected")), output);
        Assert.DoesNotContain("TOP SECRET", output);
        Assert.DoesNotContain("root:", output);
        // Never read (atime, checked before the test itself reads it) and never written.
        Assert.Equal(stamp, File.GetLastAccessTimeUtc(secret));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(secret));
        Assert.Equal("TOP SECRET\n", File.ReadAllText(secret));
        var after = Listing(outside);
        Assert.Equal(before.Where(p => !p.StartsWith("sandbox/", StringComparison.Ordinal)),
            after.Where(p => !p.StartsWith("sandbox/", StringComparison.Ordinal)));
        // What the guest made inside: only the links it was allowed to make.
        Assert.Equal(["sandbox/loop1", "sandbox/loop2", "sandbox/sub/ok"], after.Except(before).Order());
    }

    /// <summary>Every entry below <paramref name="root"/>, without descending into symlinks.</summary>
    private static List<string> Listing(string root)
    {
        var result = new List<string>();
        void Walk(string directory)
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                result.Add(Path.GetRelativePath(root, entry.FullName));
                if (entry is DirectoryInfo && entry.LinkTarget is null) Walk(entry.FullName);
            }
        }
        Walk(root);
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
