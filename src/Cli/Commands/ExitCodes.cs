namespace Djinn.Cli.Commands;

/// <summary>The process exit codes of <c>djinn</c> itself (a guest's own exit code passes through unchanged).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The module could not be loaded, validated or linked, or has no entry point.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (2, as bash builtins and GNU tools use for usage errors).</summary>
    public const int Usage = 2;

    /// <summary>A bug in djinn itself (<c>EX_SOFTWARE</c> from sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>The guest trapped: 128 + SIGABRT, as a native program that aborted would report.</summary>
    public const int Trap = 134;
}
