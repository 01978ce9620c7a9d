using System.Reflection;

namespace Djinn.Cli.Commands;

/// <summary>
/// Dispatches <c>djinn COMMAND ...</c>. A small hand-rolled parser: the grammar is tiny and guest arguments
/// after <c>--</c> must pass through untouched.
/// </summary>
internal static class CommandLine
{
    /// <summary>The top-level help text.</summary>
    public const string Usage =
        """
        Usage: djinn COMMAND [OPTIONS]

        Commands:
          run FILE [--env KEY=VALUE]... [-- ARGS...]
                                 Run a WASI command module (.wasm or .wat): call its _start export.
                                 argv is the file name followed by ARGS; the environment holds only the
                                 --env variables; stdin, stdout and stderr are this process's.
          wast [--simd] FILE_OR_DIR...
                                 Run WebAssembly spec test scripts (.wast); directories are searched.

        Options:
          -h, --help             Show this help (or a command's, after the command name).
          --version              Show the version.

        Exit status: the guest's exit code for run; 1 for a module that fails to load or link;
        2 for a bad command line; 134 when the guest traps.
        """;

    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args, ICliEnvironment environment)
    {
        if (args.Length == 0)
        {
            environment.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }
        var rest = args.AsSpan(1).ToArray();
        switch (args[0])
        {
            case "-h" or "--help" or "help":
                environment.Out.WriteLine(Usage);
                return ExitCodes.Success;
            case "--version" or "version":
                environment.Out.WriteLine($"djinn {Version}");
                return ExitCodes.Success;
            case "run":
                return RunCommand.Run(rest, environment);
            case "wast":
                return WastCommand.Run(rest, environment);
            default:
                return UsageError(environment, args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command '{args[0]}'", Usage);
        }
    }

    /// <summary>The informational version of djinn (e.g. <c>1.0.0</c>).</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(CommandLine).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "0.0.0";
            int plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus >= 0 ? version[..plus] : version;
        }
    }

    /// <summary>Reports a command-line mistake with the relevant usage on stderr; returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int UsageError(ICliEnvironment environment, string message, string usage)
    {
        environment.Error.WriteLine($"error: {message}");
        environment.Error.WriteLine();
        environment.Error.WriteLine(usage);
        return ExitCodes.Usage;
    }
}
