using Djinn.Cli.Commands;
using Djinn.Engine.Tests.Cli;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Simd;

/// <summary>
/// <c>examples/wasm/simd_dot.wasm</c> (built with SIMD by <c>examples/build-simd.sh</c>) prints what its scalar native
/// build and V8 print. Needs the SIMD decoder and validator as well as the back end.
/// </summary>
public sealed class SimdBackEndExampleTests
{
    /// <summary>The output of <c>examples/native/simd_dot 30</c> (the same under Node/V8).</summary>
    private const string Expected = """
        iterations: 30
        dot checksum: c12c0704
        axpy checksum: 568d7d1b
        blur checksum: 897a8254

        """;

    [Fact]
    public void Simd_dot_prints_the_native_checksums()
    {
        string wasm = Path.Combine(TestPaths.ExampleModules, "simd_dot.wasm");
        var env = new FakeCliEnvironment();
        int code = CommandLine.Run(["run", wasm, "30"], env);
        Assert.Equal("", env.ErrorText);
        Assert.Equal(0, code);
        Assert.Equal(Expected.ReplaceLineEndings("\n"), env.GuestOutText);
    }
}
