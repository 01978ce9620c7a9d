namespace Djinn.Cli.Commands;

/// <summary>What a command talks to: the process's standard streams, or captured ones in tests.</summary>
internal interface ICliEnvironment
{
    /// <summary>Text output of djinn itself (help, version, spec test reports).</summary>
    TextWriter Out { get; }

    /// <summary>Diagnostics of djinn itself.</summary>
    TextWriter Error { get; }

    /// <summary>The raw stream given to a guest as its stdin.</summary>
    Stream OpenStandardInput();

    /// <summary>The raw stream given to a guest as its stdout.</summary>
    Stream OpenStandardOutput();

    /// <summary>The raw stream given to a guest as its stderr.</summary>
    Stream OpenStandardError();
}

/// <summary>The real console.</summary>
internal sealed class ConsoleEnvironment : ICliEnvironment
{
    /// <inheritdoc/>
    public TextWriter Out => Console.Out;

    /// <inheritdoc/>
    public TextWriter Error => Console.Error;

    /// <inheritdoc/>
    public Stream OpenStandardInput() => Console.OpenStandardInput();

    /// <inheritdoc/>
    public Stream OpenStandardOutput() => Console.OpenStandardOutput();

    /// <inheritdoc/>
    public Stream OpenStandardError() => Console.OpenStandardError();
}
