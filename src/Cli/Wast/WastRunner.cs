using Djinn.Engine;
using Djinn.Engine.Text;

namespace Djinn.Cli.Wast;

/// <summary>
/// Runs WebAssembly spec-suite scripts (<c>.wast</c>) against the engine and reports, per file,
/// how many checks passed and which failed. Every module, registration, action and assertion is one check.
/// </summary>
public sealed class WastRunner
{
    /// <summary>
    /// Stack of the thread a script runs on. Deep guest recursion is bounded by the engine's call depth
    /// long before this, so the process never dies of a .NET stack overflow.
    /// </summary>
    public const int ScriptStackSize = 512 * 1024 * 1024;

    /// <summary>The stack used when the system refuses <see cref="ScriptStackSize"/>.</summary>
    private const int FallbackStackSize = 64 * 1024 * 1024;

    /// <summary>How long one script may run in all before it is abandoned and reported as timed out.</summary>
    public static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(10);

    private WastRunner()
    {
    }

    /// <summary>
    /// Runs one script. Never throws for script or engine problems: a missing file, a script that does not
    /// parse, or an unexpected exception all become failures in the result. SIMD files are skipped.
    /// </summary>
    public static WastFileResult RunFile(string path) => RunFile(path, includeSimd: false);

    /// <summary>
    /// Runs one script as <see cref="RunFile(string)"/> does; SIMD files run only when <paramref name="includeSimd"/> is
    /// set. <paramref name="config"/> replaces the engine's default configuration.
    /// </summary>
    public static WastFileResult RunFile(string path, bool includeSimd, Config? config = null)
    {
        if (!File.Exists(path)) return WastFileResult.SingleFailure(path, 0, "file", $"file not found: {path}");
        if (WastSkipList.ReasonForFile(path, includeSimd) is { } reason) return WastFileResult.SkippedFile(path, reason);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return WastFileResult.SingleFailure(path, 0, "file", WastErrors.OneLine(e.Message));
        }
        return RunText(path, text, config);
    }

    /// <summary>
    /// Runs every <c>.wast</c> file named in <paramref name="paths"/> (directories expand to their <c>*.wast</c> files, sorted),
    /// writing one line per file, its failures indented beneath, and the total as the last line.
    /// </summary>
    /// <returns>0 when nothing failed, otherwise 1.</returns>
    public static int Run(IReadOnlyList<string> paths, TextWriter output, bool includeSimd = false)
    {
        int passed = 0, failed = 0;
        foreach (var path in paths)
        {
            foreach (var result in RunPath(path, includeSimd))
            {
                WastReport.WriteFile(result, output);
                output.Flush();
                passed += result.Passed;
                failed += result.Failed;
            }
        }
        WastReport.WriteTotal(passed, failed, output);
        output.Flush();
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The script files a command-line path stands for: the file itself, or a directory's <c>*.wast</c> files in order.</summary>
    public static IReadOnlyList<string> ExpandPath(string path) =>
        Directory.Exists(path)
            ? Directory.GetFiles(path, "*.wast").Order(StringComparer.Ordinal).ToArray()
            : [path];

    private static IEnumerable<WastFileResult> RunPath(string path, bool includeSimd)
    {
        if (Directory.Exists(path))
        {
            var files = ExpandPath(path);
            if (files.Count == 0)
            {
                yield return WastFileResult.SingleFailure(path, 0, "file", $"no .wast files in directory {path}");
                yield break;
            }
            foreach (var file in files) yield return RunFile(file, includeSimd);
        }
        else
        {
            yield return RunFile(path, includeSimd);
        }
    }

    /// <summary>Parses and runs script text; <paramref name="path"/> names it in the result and the skip list.</summary>
    internal static WastFileResult RunText(string path, string text, Config? config = null)
    {
        var script = new WastScript(path, config);
        return OnScriptThread(path, script, () =>
        {
            List<WastCommand> commands;
            try
            {
                commands = WastParser.Parse(text);
            }
            catch (TextParseException e)
            {
                return WastFileResult.SingleFailure(path, e.Line, "parse", WastErrors.OneLine(e.Message));
            }
            catch (Exception e)
            {
                return WastFileResult.SingleFailure(path, 0, "parse", WastErrors.Describe(WastErrors.Unwrap(e)));
            }
            return script.Run(commands);
        });
    }

    /// <summary>Runs already-parsed commands (used by tests that build the command model directly).</summary>
    internal static WastFileResult RunCommands(string path, IReadOnlyList<WastCommand> commands)
    {
        var script = new WastScript(path);
        return OnScriptThread(path, script, () => script.Run(commands));
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a thread with a <see cref="ScriptStackSize"/> stack. When it outlasts
    /// <see cref="FileTimeout"/>, the script is abandoned (its background thread is interrupted and left to end)
    /// and the results so far are returned with a timeout failure.
    /// </summary>
    private static WastFileResult OnScriptThread(string path, WastScript script, Func<WastFileResult> work)
    {
        WastFileResult? result = null;
        Exception? error = null;
        void Body()
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        }
        Thread thread;
        try
        {
            thread = StartThread(Body, ScriptStackSize, path);
        }
        catch (OutOfMemoryException)
        {
            // The address space would not take the large stack; the engine's own stack guard still applies.
            thread = StartThread(Body, FallbackStackSize, path);
        }
        if (!thread.Join(FileTimeout))
        {
            script.Abandon();
            var partial = script.Snapshot();
            var timeout = new WastFailure(script.CurrentLine, "timeout",
                $"the script did not finish within {FileTimeout.TotalMinutes:0} minutes; abandoned while running line {script.CurrentLine}");
            return partial with { Failures = [.. partial.Failures, timeout] };
        }
        if (error is not null)
        {
            var partial = script.Snapshot();
            var crash = new WastFailure(script.CurrentLine, "runner", WastErrors.Describe(WastErrors.Unwrap(error)));
            return partial with { Failures = [.. partial.Failures, crash] };
        }
        return result ?? WastFileResult.SingleFailure(path, 0, "runner", "the script thread produced no result");
    }

    private static Thread StartThread(ThreadStart body, int stackSize, string path)
    {
        var thread = new Thread(body, stackSize)
        {
            IsBackground = true,
            Name = $"wast {Path.GetFileName(path)}",
        };
        thread.Start();
        return thread;
    }
}
