using System.Diagnostics;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Examples;

/// <summary>
/// The C examples in <c>examples/</c> give exactly the output of the same source built natively
/// (<c>scripts/build-examples.sh</c> builds both; scripts/test.sh runs it before the tests), and the Rust one runs.
/// </summary>
public sealed class ExampleProgramTests
{
    public static TheoryData<string, string> Kernels() => new()
    {
        { "fib", "27 3" },
        { "sieve", "10" },
        { "nbody", "100000" },
        { "matmul", "3" },
        { "sha256", "40" },
        { "bintrees", "12" },
        { "interp", "300000" },
        { "strfmt", "2000" },
        { "minilang", "3" },
        { "hello", "one two" },
        { "simd_dot", "20" },
    };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_C_example_prints_what_its_native_build_prints(string name, string arguments)
    {
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string native = Path.Combine(TestPaths.RepositoryRoot, "examples", "native", name);
        Assert.True(File.Exists(native), $"{native} is missing: run scripts/build-examples.sh first");

        var guest = GuestProgram.Run(Path.Combine(TestPaths.ExampleModules, $"{name}.wasm"), args);
        var expected = RunNative(native, args);

        Assert.Equal(expected.ExitCode, guest.ExitCode);
        Assert.Equal(expected.Stdout.Replace(native, $"{name}.wasm"), guest.Stdout);
    }

    [Fact]
    public void The_Rust_example_runs_with_its_arguments_and_exit_code()
    {
        var run = GuestProgram.Run(Path.Combine(TestPaths.ExampleModules, "hello-rust.wasm"), ["b", "a", "b"]);

        Assert.Contains("Hello from Rust on Djinn!", run.Stdout);
        Assert.Equal(2, run.ExitCode);
    }

    private static GuestRun RunNative(string path, string[] args)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new GuestRun(process.ExitCode, stdout, stderr);
    }
}
