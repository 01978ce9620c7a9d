using System.Runtime.CompilerServices;
using Djinn.Cli.Commands;

[assembly: InternalsVisibleTo("Djinn.Engine.Tests")]

namespace Djinn.Cli;

/// <summary>The <c>djinn</c> command line: <c>djinn run</c>, <c>djinn wast</c>, <c>--help</c>, <c>--version</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) =>
        CommandLine.Run(args, new ConsoleEnvironment());
}
