using Djinn.Cli.Wast;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

/// <summary>
/// The WebAssembly 2.0 spec suite, one test per non-SIMD script. Filter with <c>--filter FullyQualifiedName~SpecSuite</c>
/// (or exclude with <c>FullyQualifiedName!~SpecSuite</c>).
/// </summary>
[Trait("Category", "SpecSuite")]
public sealed class SpecSuiteTests
{
    private const int MaxFailuresShown = 100;

    /// <summary>Every non-SIMD <c>.wast</c> file name in the spec folder.</summary>
    public static TheoryData<string> SpecFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in WastRunner.ExpandPath(Support.TestPaths.SpecSuite))
        {
            string name = Path.GetFileName(file);
            if (!WastSkipList.IsSimdFile(name)) data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecFiles))]
    public void Spec_script_passes_every_command(string file)
    {
        var result = WastRunner.RunFile(Path.Combine(Support.TestPaths.SpecSuite, file));

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
