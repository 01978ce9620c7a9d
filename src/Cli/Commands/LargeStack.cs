using System.Runtime.ExceptionServices;

namespace Djinn.Cli.Commands;

/// <summary>
/// Runs work on a dedicated thread with a large stack, so that deep but legal guest recursion (compiled guest
/// frames live on the .NET stack) reaches the engine's call-depth limit before the host runs out of stack.
/// </summary>
internal static class LargeStack
{
    /// <summary>256 MiB: ample for the default call-depth limit with large frames.</summary>
    public const int DefaultSize = 256 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a new thread and waits; its exceptions are rethrown here, with their stack.</summary>
    public static T Run<T>(Func<T> work, int stackSize = DefaultSize)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, stackSize)
        {
            Name = "djinn guest",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
