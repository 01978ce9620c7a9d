using Xunit;

namespace Djinn.Engine.Tests.Wasi;

public sealed class WasiConfigurationTests
{
    [Fact]
    public void The_defaults_grant_nothing()
    {
        var config = new WasiConfiguration();
        Assert.Empty(config.Arguments);
        Assert.Empty(config.Environment);
        Assert.Null(config.StandardInput);
        Assert.Null(config.StandardOutput);
        Assert.Null(config.StandardError);
        Assert.True(config.MaxPollSleep > TimeSpan.Zero);
    }

    [Fact]
    public void Fluent_helpers_fill_arguments_environment_and_streams()
    {
        var input = new MemoryStream();
        var output = new MemoryStream();
        var config = new WasiConfiguration()
            .WithArgs("app", "x")
            .WithArgs(["y"])
            .WithEnvironment("K", "v")
            .WithEnvironment("K", "w")
            .WithStdio(input, output, null);
        Assert.Equal(["app", "x", "y"], config.Arguments);
        Assert.Equal("w", Assert.Single(config.Environment).Value);
        Assert.Same(input, config.StandardInput);
        Assert.Same(output, config.StandardOutput);
        Assert.Null(config.StandardError);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    public void Environment_names_must_be_nonempty_and_without_equals(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new WasiConfiguration().WithEnvironment(name, "v"));
    }

    [Fact]
    public void Inherit_stdio_uses_the_process_streams()
    {
        var config = new WasiConfiguration().InheritStdio();
        Assert.NotNull(config.StandardInput);
        Assert.NotNull(config.StandardOutput);
        Assert.NotNull(config.StandardError);
    }
}
