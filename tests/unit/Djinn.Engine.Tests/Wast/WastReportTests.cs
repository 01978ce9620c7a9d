using Djinn.Cli.Wast;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

public sealed class WastReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("djinn-wast-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private string WriteScript(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void File_line_shows_counts_and_indents_each_failure_with_its_line_and_kind()
    {
        var result = new WastFileResult("some/dir/i32.wast", 12, [new WastFailure(40, "assert_return", "result: expected i32:1, got i32:0")], []);
        var output = new StringWriter();

        WastReport.WriteFile(result, output);

        Assert.Equal(["i32.wast: 12 passed, 1 failed", "  line 40: assert_return: result: expected i32:1, got i32:0"], Lines(output));
    }

    [Fact]
    public void Skipped_commands_are_counted_on_the_file_line_and_listed_with_their_reason()
    {
        var result = new WastFileResult("x.wast", 3, [], [new WastSkip(9, "assert_return", "engine limit")]);
        var output = new StringWriter();

        WastReport.WriteFile(result, output);

        Assert.Equal(["x.wast: 3 passed, 0 failed, 1 skipped", "  line 9: skipped assert_return: engine limit"], Lines(output));
    }

    [Fact]
    public void Multi_line_failure_messages_are_printed_on_one_line()
    {
        var result = new WastFileResult("x.wast", 0, [new WastFailure(1, "module", "first\nsecond")], []);
        var output = new StringWriter();

        WastReport.WriteFile(result, output);

        Assert.Equal(["x.wast: 0 passed, 1 failed", "  line 1: module: first second"], Lines(output));
    }

    [Fact]
    public void Running_no_files_prints_only_a_zero_total_and_succeeds()
    {
        var output = new StringWriter();

        int code = WastRunner.Run([], output);

        Assert.Equal(0, code);
        Assert.Equal(["0 passed, 0 failed"], Lines(output));
    }

    [Fact]
    public void A_script_that_does_not_parse_is_one_parse_failure_and_the_total_is_the_last_line()
    {
        WriteScript("broken.wast", "(module");
        var output = new StringWriter();

        int code = WastRunner.Run([_directory], output);

        var lines = Lines(output);
        Assert.Equal(1, code);
        Assert.Equal("broken.wast: 0 passed, 1 failed", lines[0]);
        Assert.Matches(@"^  line \d+: parse: ", lines[1]);
        Assert.Equal("0 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public void Directories_expand_to_their_wast_files_in_name_order()
    {
        WriteScript("b.wast", "");
        WriteScript("a.wast", "");
        WriteScript("notes.txt", "");

        var files = WastRunner.ExpandPath(_directory).Select(Path.GetFileName);

        Assert.Equal(["a.wast", "b.wast"], files);
    }

    [Fact]
    public void Simd_files_are_skipped_with_their_reason_unless_simd_is_requested()
    {
        WriteScript("simd_add.wast", "(module");
        var output = new StringWriter();

        int code = WastRunner.Run([_directory], output);

        Assert.Equal(0, code);
        Assert.Equal(["simd_add.wast: skipped (SIMD is a separate issue)", "0 passed, 0 failed"], Lines(output));

        var withSimd = new StringWriter();
        Assert.Equal(1, WastRunner.Run([_directory], withSimd, includeSimd: true));
        Assert.Equal("simd_add.wast: 0 passed, 1 failed", Lines(withSimd)[0]);
    }
}
