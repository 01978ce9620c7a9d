namespace Djinn.Engine;

/// <summary>
/// The capabilities a guest gets through WASI preview1. By default: no arguments, an empty environment,
/// no files, empty stdin, and stdout/stderr discarded.
/// </summary>
public sealed class WasiConfiguration
{
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
}
