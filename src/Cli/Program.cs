using System.Runtime.CompilerServices;
using Djinn.Cli.Commands;

[assembly: InternalsVisibleTo("Djinn.Engine.Tests")]

namespace Djinn.Cli;

/// <summary>The <c>djinn</c> command line: <c>djinn run</c>, <c>djinn wast</c>, <c>--help</c>, <c>--version</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // The commands that run guest code restart the process with guard-page traps on when it lacks them.
        if (args.Length > 0 && args[0] is "run" or "wast") Engine.GuardPageTraps.RelaunchIfNeeded();
        return CommandLine.Run(args, new ConsoleEnvironment());
    }
}
