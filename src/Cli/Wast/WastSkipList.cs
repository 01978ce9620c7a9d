namespace Djinn.Cli.Wast;

/// <summary>
/// The explicit list of spec-suite files and commands the runner does not run, each with its reason.
/// Everything here is printed in the report; the goal is for it to be empty.
/// </summary>
internal static class WastSkipList
{
    /// <summary>The reason printed for SIMD files when SIMD is not requested.</summary>
    public const string SimdReason = "SIMD is a separate issue";

    /// <summary>Whole files that are skipped, by file name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    /// <summary>Single commands that are skipped, by file name and 1-based line.</summary>
    public static readonly IReadOnlyDictionary<(string File, int Line), string> Commands = new Dictionary<(string File, int Line), string>
    {
    };

    /// <summary>Why the file at <paramref name="path"/> is skipped as a whole, or null when it runs.</summary>
    public static string? ReasonForFile(string path, bool includeSimd)
    {
        string name = Path.GetFileName(path);
        if (Files.TryGetValue(name, out var reason)) return reason;
        if (!includeSimd && IsSimdFile(name)) return SimdReason;
        return null;
    }

    /// <summary>Why the command at <paramref name="line"/> of <paramref name="path"/> is skipped, or null when it runs.</summary>
    public static string? ReasonForCommand(string path, int line) =>
        Commands.TryGetValue((Path.GetFileName(path), line), out var reason) ? reason : null;

    /// <summary>True for the fixed-width SIMD proposal's files (<c>simd_*.wast</c>).</summary>
    public static bool IsSimdFile(string fileName) => Path.GetFileName(fileName).StartsWith("simd_", StringComparison.Ordinal);
}
