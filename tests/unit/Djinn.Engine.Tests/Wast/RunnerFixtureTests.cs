using Djinn.Cli.Wast;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

/// <summary>
/// The runner end to end on small scripts in <c>Wast/Fixtures</c>: one whose every command must pass, and one
/// whose commands must fail, so a runner that waves everything through is caught. They need the whole engine.
/// </summary>
public sealed class RunnerFixtureTests
{
    [Fact]
    public void Every_kind_of_command_passes_when_the_engine_behaves()
    {
        var result = WastRunner.RunFile(Fixture("runner-passes.wast"));

        Assert.True(result.Failed == 0, string.Join(Environment.NewLine, result.Failures));
        Assert.Equal(23, result.Passed);
    }

    [Fact]
    public void Wrong_expectations_fail_each_command_with_a_message_naming_the_difference()
    {
        var result = WastRunner.RunFile(Fixture("runner-fails.wast"));

        int[] expectedLines = [.. Enumerable.Range(14, 20), 35, 36];
        Assert.Equal(expectedLines, result.Failures.Select(f => f.Line));
        Assert.Equal(2, result.Passed);
        var messages = result.Failures.ToDictionary(f => f.Line, f => f.Message);
        Assert.Equal("result: expected i32:1, got i32:0", messages[14]);
        Assert.Equal("result: expected f32:0 (0x00000000), got f32:-0 (0x80000000)", messages[19]);
        Assert.Equal("result: expected ref.extern 8, got ref.extern 7", messages[20]);
        Assert.Equal("the current module (line 35) failed to load", messages[36]);
    }

    private static string Fixture(string name) => Support.TestPaths.TestSource(Path.Combine("Wast", "Fixtures", name));
}
