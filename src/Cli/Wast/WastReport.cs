namespace Djinn.Cli.Wast;

/// <summary>Writes the runner's plain-text report: a line per file, failures and skips indented, then the total.</summary>
internal static class WastReport
{
    /// <summary>
    /// Writes <c>FILE: N passed, M failed</c> (with <c>, K skipped</c> when any) and each failure as
    /// <c>  line L: kind: message</c>; a file skipped as a whole is written as <c>FILE: skipped (reason)</c>.
    /// </summary>
    public static void WriteFile(WastFileResult result, TextWriter output)
    {
        string name = Path.GetFileName(result.File.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (name.Length == 0) name = result.File;
        if (result.SkipReason is { } reason)
        {
            output.WriteLine($"{name}: skipped ({reason})");
            return;
        }
        string skipped = result.Skipped.Count > 0 ? $", {result.Skipped.Count} skipped" : "";
        output.WriteLine($"{name}: {result.Passed} passed, {result.Failed} failed{skipped}");
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"  line {failure.Line}: {failure.Kind}: {WastErrors.OneLine(failure.Message)}");
        }
        foreach (var skip in result.Skipped)
        {
            output.WriteLine($"  line {skip.Line}: skipped {skip.Kind}: {skip.Reason}");
        }
    }

    /// <summary>Writes the last line, <c>N passed, M failed</c>.</summary>
    public static void WriteTotal(int passed, int failed, TextWriter output) =>
        output.WriteLine($"{passed} passed, {failed} failed");
}
