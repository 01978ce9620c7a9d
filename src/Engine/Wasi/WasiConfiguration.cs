namespace Djinn.Engine;

/// <summary>
/// The capabilities a guest gets through WASI preview1. By default: no arguments, an empty environment,
/// no files, empty stdin, and stdout/stderr discarded. Nothing is inherited from the host unless asked for.
/// </summary>
public sealed class WasiConfiguration
{
    private readonly List<WasiPreopenedDirectory> _preopens = new();

    /// <summary>argv, including argv[0].</summary>
    public List<string> Arguments { get; } = new();

    /// <summary>Environment variables visible to the guest.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Standard input; null means empty.</summary>
    public Stream? StandardInput { get; set; }

    /// <summary>Standard output; null discards.</summary>
    public Stream? StandardOutput { get; set; }

    /// <summary>Standard error; null discards.</summary>
    public Stream? StandardError { get; set; }

    /// <summary>
    /// The longest a single poll_oneoff (and so a guest's sleep) may block the calling thread; a longer clock
    /// timeout fires early. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan MaxPollSleep { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Directories the guest may use, in descriptor order: the first is fd 3, the next fd 4, and so on.</summary>
    public IReadOnlyList<WasiPreopenedDirectory> PreopenedDirectories => _preopens;

    /// <summary>
    /// Grants the guest the host directory <paramref name="hostPath"/> under the name <paramref name="guestPath"/>
    /// (a preopen, numbered after the ones already added, from fd 3). Paths the guest opens through it are resolved
    /// inside it: <c>..</c>, absolute paths and symlinks cannot lead out. With <paramref name="readOnly"/>, every
    /// change below it is refused with EROFS.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="hostPath"/> is not an existing directory.</exception>
    public WasiConfiguration PreopenDirectory(string hostPath, string guestPath, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        if (guestPath.Contains('\0')) throw new ArgumentException("a guest path cannot contain NUL", nameof(guestPath));
        string full = Path.GetFullPath(hostPath);
        if (full.Length > 1) full = full.TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"preopened directory '{hostPath}' does not exist");
        _preopens.Add(new WasiPreopenedDirectory(full, guestPath, readOnly));
        return this;
    }

    /// <summary>
    /// The most descriptors the guest may have open at once, stdio and preopens included (default 1024). Each open
    /// file or directory holds a host descriptor, so this bounds what a guest can take from the host process;
    /// path_open past it answers EMFILE.
    /// </summary>
    public int MaxOpenDescriptors { get; set; } = 1024;

    /// <summary>Appends <paramref name="arguments"/> to <see cref="Arguments"/> (the first one is argv[0]).</summary>
    public WasiConfiguration WithArgs(params IEnumerable<string> arguments)
    {
        Arguments.AddRange(arguments);
        return this;
    }

    /// <summary>Sets one environment variable.</summary>
    public WasiConfiguration WithEnvironment(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('=')) throw new ArgumentException("an environment variable name cannot contain '='", nameof(name));
        Environment[name] = value;
        return this;
    }

    /// <summary>Sets the three standard streams (null keeps the default: empty input, discarded output).</summary>
    public WasiConfiguration WithStdio(Stream? input, Stream? output, Stream? error)
    {
        StandardInput = input;
        StandardOutput = output;
        StandardError = error;
        return this;
    }

    /// <summary>Connects the guest's stdin, stdout and stderr to this process's own standard streams.</summary>
    public WasiConfiguration InheritStdio() =>
        WithStdio(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError());
}
