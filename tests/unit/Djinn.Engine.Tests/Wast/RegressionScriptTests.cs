using Djinn.Cli.Wast;

namespace Djinn.Engine.Tests.Wast;

/// <summary>
/// Regression cases written as WAST scripts in <c>Wast/Regressions</c>, run through the same runner as the spec suite.
/// Every command of every script must pass.
/// </summary>
public sealed class RegressionScriptTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Support.TestPaths.TestSource(Path.Combine("Wast", "Regressions")), "*.wast").Order())
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_command_of_the_regression_script_passes(string script)
    {
        var result = WastRunner.RunFile(Support.TestPaths.TestSource(Path.Combine("Wast", "Regressions", script)));

        Assert.True(result.Failed == 0, string.Join(Environment.NewLine, result.Failures));
        Assert.True(result.Passed > 0, "the script ran no command");
    }
}
