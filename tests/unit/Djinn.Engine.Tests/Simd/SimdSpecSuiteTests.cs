using Djinn.Cli.Wast;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Simd;

/// <summary>
/// The SIMD scripts of the WebAssembly 2.0 spec suite (<c>simd_*.wast</c>), one test per file, run with SIMD enabled.
/// They need the SIMD decoder, validator and text parser as well as the back end.
/// Filter with <c>--filter FullyQualifiedName~SimdSpecSuite</c>.
/// </summary>
[Trait("Category", "SpecSuite")]
public sealed class SimdSpecSuiteTests
{
    private const int MaxFailuresShown = 60;

    /// <summary>Every <c>simd_*.wast</c> file name in the spec folder.</summary>
    public static TheoryData<string> SimdFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in WastRunner.ExpandPath(TestPaths.SpecSuite))
        {
            string name = Path.GetFileName(file);
            if (WastSkipList.IsSimdFile(name)) data.Add(name);
        }
        return data;
    }

    [Fact]
    public void The_suite_has_simd_scripts() => Assert.True(SimdFiles().Count >= 50, $"only {SimdFiles().Count} simd_*.wast files in {TestPaths.SpecSuite}");

    [Theory]
    [MemberData(nameof(SimdFiles))]
    public void Simd_script_passes_every_command(string file)
    {
        var result = WastRunner.RunFile(Path.Combine(TestPaths.SpecSuite, file), includeSimd: true);
        Assert.False(result.IsSkipped, $"{file} was skipped: {result.SkipReason}");
        Assert.True(result.Failed == 0, Describe(result));
    }

    private static string Describe(WastFileResult result)
    {
        var lines = result.Failures.Take(MaxFailuresShown).Select(f => $"  line {f.Line}: {f.Kind}: {f.Message}");
        string more = result.Failed > MaxFailuresShown ? $"{Environment.NewLine}  ... and {result.Failed - MaxFailuresShown} more" : "";
        return $"{Path.GetFileName(result.File)}: {result.Passed} passed, {result.Failed} failed{Environment.NewLine}" +
               string.Join(Environment.NewLine, lines) + more;
    }
}
