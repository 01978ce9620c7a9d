namespace Djinn.Cli.Commands;

/// <summary>
/// The parsed arguments of <c>djinn run FILE [--env KEY=VALUE]... [--dir HOST[::GUEST][:ro]]... [-- ARGS...]</c>.
/// Options may come before or after FILE; the first token after FILE that is not an option, or everything
/// after <c>--</c>, starts the guest's arguments, which are passed through untouched.
/// </summary>
internal sealed class RunOptions
{
    /// <summary>The help text of the run command.</summary>
    public const string Usage =
        """
        Usage: djinn run FILE [--env KEY=VALUE]... [--dir HOST[::GUEST][:ro]]... [--fuel N]
                             [--timeout DURATION] [--max-memory SIZE] [-- ARGS...]

        Runs a WASI preview1 command module (.wasm binary or .wat text) by calling its _start export.

        Arguments:
          FILE                   The module.
          ARGS                   Arguments for the guest; argv[0] is the file name.

        Options:
          -e, --env KEY=VALUE    Give the guest an environment variable (repeatable). The host's
                                 environment is never passed on.
          --dir HOST[::GUEST][:ro]
                                 Give the guest the host directory HOST (repeatable; preopened
                                 as fd 3, 4, ... in order) under the name GUEST (default: HOST
                                 as written), e.g. --dir ./data::/data. With :ro the guest can
                                 read but not change anything in it. Paths cannot lead out of
                                 it through '..', absolute paths or symlinks. No directory is
                                 visible unless given.
          --fuel N               Stop the guest with an OutOfFuel trap after about N instructions.
          --timeout DURATION     Stop the guest with a Timeout trap after DURATION (e.g. 2s, 500ms, 1m).
          --max-memory SIZE      Cap the guest's linear memory (e.g. 64MiB, 512KiB, 1GiB; default 2GiB):
                                 memory.grow fails past it, and a larger initial memory is refused.
          -h, --help             Show this help.

        Exit status: the guest's exit code; 134 after a trap (a line 'trap: CODE: message' on
        stderr); 1 for a module that cannot be loaded; 2 for a usage error.
        """;

    /// <summary>The module file.</summary>
    public string Path { get; private set; } = "";

    /// <summary>The guest's environment, in the order given (a repeated key keeps the last value).</summary>
    public List<KeyValuePair<string, string>> Environment { get; } = new();

    /// <summary>The directories the guest is given, in preopen order.</summary>
    public List<DirOption> Directories { get; } = new();

    /// <summary>The guest's arguments after argv[0].</summary>
    public List<string> Arguments { get; } = new();

    /// <summary>The fuel budget, when given.</summary>
    public long? Fuel { get; private set; }

    /// <summary>The deadline, when given.</summary>
    public TimeSpan? Timeout { get; private set; }

    /// <summary>The linear memory cap in bytes, when given.</summary>
    public long? MaxMemoryBytes { get; private set; }

    /// <summary>True when help was asked for.</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>Parses <paramref name="args"/> (what follows <c>run</c>); returns null and sets <paramref name="error"/> on a mistake.</summary>
    public static RunOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new RunOptions();
        error = null;
        bool haveFile = false;
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "--")
            {
                options.Arguments.AddRange(args.Skip(i + 1));
                break;
            }
            if (token is "--env" or "-e" || token.StartsWith("--env=", StringComparison.Ordinal))
            {
                string? value = token.StartsWith("--env=", StringComparison.Ordinal) ? token["--env=".Length..]
                    : i + 1 < args.Count ? args[++i] : null;
                if (value is null)
                {
                    error = "--env needs a KEY=VALUE argument";
                    return null;
                }
                int equals = value.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    error = $"--env expects KEY=VALUE, got '{value}'";
                    return null;
                }
                options.Environment.Add(new(value[..equals], value[(equals + 1)..]));
                continue;
            }
            if (token == "--dir" || token.StartsWith("--dir=", StringComparison.Ordinal))
            {
                string? value = token.StartsWith("--dir=", StringComparison.Ordinal) ? token["--dir=".Length..]
                    : i + 1 < args.Count ? args[++i] : null;
                var dir = value is null ? null : DirOption.Parse(value, out error);
                if (dir is null)
                {
                    error ??= "--dir needs a HOST[::GUEST][:ro] argument";
                    return null;
                }
                options.Directories.Add(dir);
                continue;
            }
            if (token is "--fuel" or "--timeout" or "--max-memory")
            {
                string? value = i + 1 < args.Count ? args[++i] : null;
                if (!options.TrySetLimit(token, value, out error)) return null;
                continue;
            }
            if (token is "-h" or "--help")
            {
                options.ShowHelp = true;
                continue;
            }
            if (token.Length > 1 && token[0] == '-')
            {
                error = $"unknown option '{token}' (put guest arguments after '--')";
                return null;
            }
            if (!haveFile)
            {
                options.Path = token;
                haveFile = true;
                continue;
            }
            options.Arguments.AddRange(args.Skip(i));
            break;
        }
        if (!haveFile && !options.ShowHelp)
        {
            error = "missing FILE";
            return null;
        }
        return options;
    }

    private bool TrySetLimit(string option, string? value, out string? error)
    {
        error = null;
        switch (option)
        {
            case "--fuel" when long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long fuel) && fuel > 0:
                Fuel = fuel;
                return true;
            case "--timeout" when LimitParser.TryParseDuration(value, out var timeout):
                Timeout = timeout;
                return true;
            case "--max-memory" when LimitParser.TryParseSize(value, out long bytes):
                MaxMemoryBytes = bytes;
                return true;
            default:
                error = option switch
                {
                    "--fuel" => $"--fuel expects a positive number of instructions, got '{value}'",
                    "--timeout" => $"--timeout expects a duration such as 2s, 500ms or 1m, got '{value}'",
                    _ => $"--max-memory expects a size such as 64MiB, 512KiB or 1GiB, got '{value}'",
                };
                return false;
        }
    }
}
