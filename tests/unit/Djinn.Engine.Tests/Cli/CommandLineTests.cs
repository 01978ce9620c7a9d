using Djinn.Cli.Commands;
using Xunit;

namespace Djinn.Engine.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_the_usage_and_succeeds(string flag)
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(0, CommandLine.Run([flag], env));
        Assert.Contains("Usage: djinn", env.OutText);
        Assert.Contains("run FILE", env.OutText);
        Assert.Contains("wast [--simd]", env.OutText);
    }

    [Fact]
    public void Version_prints_djinn_and_a_version_number()
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(0, CommandLine.Run(["--version"], env));
        Assert.Matches(@"^djinn \d+\.\d+", env.OutText);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--frobnicate")]
    public void Unknown_commands_print_the_usage_and_exit_2(string command)
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(2, CommandLine.Run([command], env));
        Assert.Contains($"'{command}'", env.ErrorText);
        Assert.Contains("Usage: djinn", env.ErrorText);
    }

    [Fact]
    public void No_arguments_is_a_usage_error()
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(2, CommandLine.Run([], env));
        Assert.Contains("Usage: djinn", env.ErrorText);
    }

    [Fact]
    public void Run_without_a_file_is_a_usage_error()
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(2, CommandLine.Run(["run"], env));
        Assert.Contains("missing FILE", env.ErrorText);
        Assert.Contains("Usage: djinn run", env.ErrorText);
    }

    [Fact]
    public void Run_help_prints_the_run_usage()
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(0, CommandLine.Run(["run", "--help"], env));
        Assert.Contains("--env KEY=VALUE", env.OutText);
    }

    [Fact]
    public void Running_a_missing_file_reports_one_error_line_and_exits_1()
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(1, CommandLine.Run(["run", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.wasm")], env));
        Assert.StartsWith("error: ", env.ErrorText);
        Assert.DoesNotContain("   at ", env.ErrorText);
    }

    [Theory]
    [InlineData()]
    [InlineData("--simd")]
    [InlineData("--bogus", "x.wast")]
    public void Wast_needs_paths_and_known_options(params string[] args)
    {
        var env = new FakeCliEnvironment();
        Assert.Equal(2, CommandLine.Run(["wast", .. args], env));
        Assert.Contains("Usage: djinn wast", env.ErrorText);
    }
}
