using System.Reflection;
using Djinn.Engine;

namespace Djinn.Cli.Wast;

/// <summary>A problem with the script itself (unknown module or export), reported as the command's failure.</summary>
internal sealed class WastScriptException(string message) : Exception(message);

/// <summary>Classifies and describes exceptions by the spec's error categories.</summary>
internal static class WastErrors
{
    /// <summary>Strips reflection and task wrappers to the exception that was actually thrown.</summary>
    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    e = aggregate.InnerExceptions[0];
                    break;
                default:
                    return e;
            }
        }
    }

    /// <summary>
    /// True for a trap the spec can expect. A <see cref="TrapCode.Timeout"/> trap is the runner's watchdog
    /// interrupting a hung guest, never an expected outcome.
    /// </summary>
    public static bool IsTrap(Exception e) => e is TrapException { Code: not TrapCode.Timeout };

    /// <summary>True for call stack exhaustion: the engine's trap, or the runtime's stack guard.</summary>
    public static bool IsExhaustion(Exception e) =>
        e is TrapException { Code: TrapCode.CallStackExhausted } or InsufficientExecutionStackException;

    /// <summary>One line naming the category and message, with the type and top frame when it is unexpected.</summary>
    public static string Describe(Exception e)
    {
        string text = e switch
        {
            TrapException t => $"trap ({t.Code}): {t.Message}",
            ModuleParseException or TextParseException => $"malformed: {e.Message}",
            ValidationException => $"invalid: {e.Message}",
            LinkException => $"unlinkable: {e.Message}",
            InsufficientExecutionStackException => $"call stack exhausted ({e.GetType().Name})",
            _ => $"unexpected {e.GetType().FullName}: {e.Message}{TopFrame(e)}",
        };
        return OneLine(text);
    }

    /// <summary>Collapses line breaks so each failure prints on one line.</summary>
    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string TopFrame(Exception e)
    {
        string? frame = e.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (frame is null) return "";
        int source = frame.IndexOf(" in /", StringComparison.Ordinal);
        return $" ({(source > 0 ? frame[..source] : frame)})";
    }
}
