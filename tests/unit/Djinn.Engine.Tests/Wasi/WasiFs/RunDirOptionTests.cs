using Djinn.Cli.Commands;
using Djinn.Engine.Tests.Cli;

namespace Djinn.Engine.Tests.Wasi.WasiFs;

/// <summary><c>djinn run --dir HOST[::GUEST][:ro]</c>.</summary>
public sealed class RunDirOptionTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("djinn-rundir-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData("./data", "./data", "./data", false)]
    [InlineData("./data::/data", "./data", "/data", false)]
    [InlineData("/tmp/x::/x:ro", "/tmp/x", "/x", true)]
    [InlineData("/tmp/x:ro", "/tmp/x", "/tmp/x", true)]
    [InlineData("a::.", "a", ".", false)]
    public void Dir_values_are_parsed(string value, string host, string guest, bool readOnly)
    {
        var options = RunOptions.Parse(["--dir", value, "app.wasm"], out var error);
        Assert.Null(error);
        Assert.Equal([new DirOption(host, guest, readOnly)], options!.Directories);
        Assert.Equal([new DirOption(host, guest, readOnly)], RunOptions.Parse([$"--dir={value}", "app.wasm"], out _)!.Directories);
    }

    [Theory]
    [InlineData("--dir")]
    [InlineData("--dir", "::/x")]
    [InlineData("--dir", "/x::")]
    [InlineData("--dir=")]
    public void Malformed_dirs_are_usage_errors(params string[] args)
    {
        Assert.Null(RunOptions.Parse(["app.wasm", .. args], out var error));
        Assert.Contains("--dir", error);
    }

    [Fact]
    public void Dirs_keep_their_order_and_help_documents_the_option()
    {
        var options = RunOptions.Parse(["--dir", "a", "app.wasm", "--dir", "b::/b:ro", "--", "--dir", "c"], out _)!;
        Assert.Equal(["a", "b"], options.Directories.Select(d => d.HostPath));
        Assert.Equal(["--dir", "c"], options.Arguments);
        Assert.Contains("--dir HOST[::GUEST][:ro]", RunOptions.Usage);
    }

    [Fact]
    public void Run_with_dir_gives_the_guest_the_directory()
    {
        string data = Path.Combine(_temp, "data");
        Directory.CreateDirectory(Path.Combine(data, "sub"));
        File.WriteAllText(Path.Combine(data, "hello.txt"), "hello, world\n");
        File.WriteAllText(Path.Combine(data, "sub", "inner.txt"), "inner\n");
        var env = new FakeCliEnvironment();
        int code = CommandLine.Run(["run", "--dir", $"{data}::/sandbox", GuestRunner.Fixture("fs_ops.wasm")], env);
        Assert.Equal("", env.ErrorText);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(GuestRunner.Fixture("fs_ops.expected")), env.GuestOutText);
    }

    [Fact]
    public void Run_with_a_read_only_dir_refuses_changes()
    {
        string data = Path.Combine(_temp, "data");
        Directory.CreateDirectory(Path.Combine(data, "sub"));
        File.WriteAllText(Path.Combine(data, "hello.txt"), "hello, world\n");
        var env = new FakeCliEnvironment();
        int code = CommandLine.Run(["run", "--dir", $"{data}::/sandbox:ro", GuestRunner.Fixture("fs_ops.wasm")], env);
        Assert.Equal(0, code);
        Assert.StartsWith("read /sandbox/hello.txt: 13 \"hello, world\n\"", env.GuestOutText);
        Assert.Contains("create new.txt: -1 errno=69", env.GuestOutText);
        Assert.Contains("mkdir d: -1 errno=69", env.GuestOutText);
        Assert.Contains("symlink link -> hello.txt: -1 errno=69", env.GuestOutText);
        Assert.Equal(["hello.txt", "sub"], Directory.EnumerateFileSystemEntries(data).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Run_with_a_missing_dir_is_a_clear_error()
    {
        var env = new FakeCliEnvironment();
        int code = CommandLine.Run(["run", "--dir", Path.Combine(_temp, "missing"), GuestRunner.Fixture("fs_ops.wasm")], env);
        Assert.Equal(1, code);
        Assert.StartsWith("error: preopened directory", env.ErrorText);
        Assert.DoesNotContain("   at ", env.ErrorText);
    }
}
