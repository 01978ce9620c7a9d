using Djinn.Cli.Commands;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Cli;

public sealed class RunLimitOptionsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60000)]
    public void Durations_parse_with_their_unit(string text, double milliseconds)
    {
        Assert.True(LimitParser.TryParseDuration(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("512KiB", 512L << 10)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("1048576", 1048576)]
    [InlineData("10MB", 10_000_000)]
    public void Sizes_parse_with_binary_and_decimal_units(string text, long bytes)
    {
        Assert.True(LimitParser.TryParseSize(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("--fuel", "-5")]
    [InlineData("--fuel", "lots")]
    [InlineData("--timeout", "5")]
    [InlineData("--timeout", "0s")]
    [InlineData("--max-memory", "64XB")]
    [InlineData("--max-memory", "")]
    public void A_bad_limit_value_is_a_usage_error_naming_the_option(string option, string value)
    {
        Assert.Null(RunOptions.Parse(["x.wasm", option, value], out var error));
        Assert.Contains(option, error);
    }

    [Fact]
    public void Limits_are_read_before_the_guest_arguments()
    {
        var options = RunOptions.Parse(["--fuel", "1000", "x.wasm", "--timeout", "2s", "--max-memory", "1MiB", "--", "--fuel"], out _)!;

        Assert.Equal(1000, options.Fuel);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Timeout);
        Assert.Equal(1L << 20, options.MaxMemoryBytes);
        Assert.Equal(["--fuel"], options.Arguments);
    }
}
