using Djinn.Cli.Commands;
using Xunit;

namespace Djinn.Engine.Tests.Cli;

public sealed class RunOptionsTests
{
    private static RunOptions Parse(params string[] args)
    {
        var options = RunOptions.Parse(args, out var error);
        Assert.Null(error);
        return Assert.IsType<RunOptions>(options);
    }

    [Fact]
    public void File_env_and_arguments_after_the_double_dash_are_recognized()
    {
        var options = Parse("app.wasm", "--env", "A=1", "--env=B=x=y", "--", "--help", "-e", "z");
        Assert.Equal("app.wasm", options.Path);
        Assert.Equal([new("A", "1"), new("B", "x=y")], options.Environment);
        Assert.Equal(["--help", "-e", "z"], options.Arguments);
        Assert.False(options.ShowHelp);
    }

    [Fact]
    public void Options_may_precede_the_file()
    {
        var options = Parse("--env", "K=", "app.wat");
        Assert.Equal("app.wat", options.Path);
        Assert.Equal([new("K", "")], options.Environment);
        Assert.Empty(options.Arguments);
    }

    [Fact]
    public void Positional_words_after_the_file_start_the_guest_arguments()
    {
        var options = Parse("app.wasm", "first", "--env", "X=1");
        Assert.Equal(["first", "--env", "X=1"], options.Arguments);
        Assert.Empty(options.Environment);
    }

    [Theory]
    [InlineData("missing FILE")]
    [InlineData("--env needs", "app.wasm", "--env")]
    [InlineData("expects KEY=VALUE", "app.wasm", "--env", "NOVALUE")]
    [InlineData("expects KEY=VALUE", "app.wasm", "--env", "=v")]
    [InlineData("unknown option '--fast'", "app.wasm", "--fast")]
    public void Mistakes_are_reported(string message, params string[] args)
    {
        Assert.Null(RunOptions.Parse(args, out var error));
        Assert.Contains(message, error);
    }
}
