namespace Djinn.Cli.Wast;

/// <summary>The outcome of running one WAST script.</summary>
/// <param name="File">The script's path, as it was given.</param>
/// <param name="Passed">Checks (modules, registrations, actions and assertions) that behaved as expected.</param>
/// <param name="Failures">Every check that did not, in script order.</param>
/// <param name="Skipped">Commands that were not run, with the reason.</param>
/// <param name="SkipReason">When the whole file was skipped, why; otherwise null.</param>
public sealed record WastFileResult(
    string File,
    int Passed,
    IReadOnlyList<WastFailure> Failures,
    IReadOnlyList<WastSkip> Skipped,
    string? SkipReason = null)
{
    /// <summary>Checks that failed.</summary>
    public int Failed => Failures.Count;

    /// <summary>True when the whole file was skipped by the skip list.</summary>
    public bool IsSkipped => SkipReason is not null;

    /// <summary>A result for a file that was skipped as a whole.</summary>
    public static WastFileResult SkippedFile(string file, string reason) => new(file, 0, [], [], reason);

    /// <summary>A result holding a single failure (an unreadable or unparsable file).</summary>
    public static WastFileResult SingleFailure(string file, int line, string kind, string message) =>
        new(file, 0, [new WastFailure(line, kind, message)], []);
}

/// <summary>One failed check.</summary>
/// <param name="Line">1-based line of the command in the script (0 when not tied to a line).</param>
/// <param name="Kind">The command kind, e.g. <c>assert_return</c>, <c>module</c>, or <c>parse</c> for a script syntax error.</param>
/// <param name="Message">What went wrong.</param>
public sealed record WastFailure(int Line, string Kind, string Message);

/// <summary>One command that the skip list kept from running.</summary>
/// <param name="Line">1-based line of the command.</param>
/// <param name="Kind">The command kind.</param>
/// <param name="Reason">Why it is skipped.</param>
public sealed record WastSkip(int Line, string Kind, string Reason);

/// <summary>
/// The host reference <c>ref.extern N</c> of a script: an opaque externref value that compares equal by <see cref="Number"/>.
/// </summary>
/// <param name="Number">The N of <c>ref.extern N</c>.</param>
public sealed record HostReference(ulong Number)
{
    /// <inheritdoc/>
    public override string ToString() => $"ref.extern {Number}";
}
