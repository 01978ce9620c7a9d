using Djinn.Cli.Wast;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Wast;

/// <summary>
/// The spec scripts about memory accesses run a second time with every access checked in compiled code
/// (<see cref="Config.UseGuardPages"/> = false), the path a process without guard-page traps takes; the rest of the
/// suite runs with guard pages, as the server does.
/// </summary>
[Trait("Category", "SpecSuite")]
public sealed class CheckedBoundsSpecTests
{
    private static readonly string[] MemoryTopics = ["address", "memory", "load", "store", "align", "endianness", "bulk", "data"];

    public static TheoryData<string> MemoryScripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in WastRunner.ExpandPath(TestPaths.SpecSuite))
        {
            string name = Path.GetFileName(file);
            if (MemoryTopics.Any(topic => name.Contains(topic, StringComparison.Ordinal))) data.Add(name);
        }
        return data;
    }

    [Fact]
    public void The_suite_has_memory_scripts() => Assert.True(MemoryScripts().Count >= 20, $"only {MemoryScripts().Count} memory scripts");

    [Theory]
    [MemberData(nameof(MemoryScripts))]
    public void Memory_script_passes_every_command_with_accesses_checked_in_code(string file)
    {
        var result = WastRunner.RunFile(Path.Combine(TestPaths.SpecSuite, file), includeSimd: true, new Config { UseGuardPages = false });
        Assert.False(result.IsSkipped, $"{file} was skipped: {result.SkipReason}");
        Assert.True(result.Failed == 0, $"{file}: {result.Passed} passed, {result.Failed} failed");
    }
}
