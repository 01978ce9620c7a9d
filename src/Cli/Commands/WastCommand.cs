using Djinn.Cli.Wast;

namespace Djinn.Cli.Commands;

/// <summary><c>djinn wast [--simd] FILE_OR_DIR...</c>: runs spec test scripts through <see cref="WastRunner"/>.</summary>
internal static class WastCommand
{
    /// <summary>The help text of the wast command.</summary>
    public const string Usage =
        """
        Usage: djinn wast [--simd] FILE_OR_DIR...

        Runs WebAssembly spec test scripts (.wast) and reports the results; directories are searched.

        Options:
          --simd                 Include the SIMD (v128) proposal's scripts.
          -h, --help             Show this help.
        """;

    /// <summary>Parses <paramref name="args"/> and runs the scripts; returns the runner's exit code.</summary>
    public static int Run(string[] args, ICliEnvironment environment)
    {
        bool includeSimd = false;
        var paths = new List<string>();
        bool optionsDone = false;
        foreach (var arg in args)
        {
            if (!optionsDone && arg == "--") optionsDone = true;
            else if (!optionsDone && arg == "--simd") includeSimd = true;
            else if (!optionsDone && arg is "-h" or "--help")
            {
                environment.Out.WriteLine(Usage);
                return ExitCodes.Success;
            }
            else if (!optionsDone && arg.Length > 1 && arg[0] == '-') return CommandLine.UsageError(environment, $"unknown option '{arg}'", Usage);
            else paths.Add(arg);
        }
        if (paths.Count == 0) return CommandLine.UsageError(environment, "missing FILE_OR_DIR", Usage);
        string[] targets = paths.ToArray();
        int result = LargeStack.Run(() => WastRunner.Run(targets, environment.Out, includeSimd));
        environment.Out.Flush();
        return result;
    }
}
