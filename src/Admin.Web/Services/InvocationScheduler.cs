using System.Collections.Concurrent;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// Runs guest invocations on a fixed set of dedicated threads instead of thread-pool threads, so guests that spin until
/// their deadline never starve Kestrel and the rest of the server of pool threads. The threads get large stacks; the
/// engine's own stack guard still traps deep recursion long before they overflow.
/// </summary>
public sealed class InvocationScheduler : IDisposable
{
    /// <summary>Dedicated invocation threads. Guests are CPU-bound, so more only helps when many wait on deadlines.</summary>
    public const int DefaultWorkers = 64;

    /// <summary>Stack size of each invocation thread.</summary>
    public const int StackBytes = 16 * 1024 * 1024;

    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="workers"/> background threads.</summary>
    public InvocationScheduler(int workers = DefaultWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work, StackBytes) { IsBackground = true, Name = $"djinn-invoke-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Invocations queued and not yet picked up by a thread.</summary>
    public int Pending => _queue.Count;

    /// <summary>Runs <paramref name="work"/> on an invocation thread; the task completes with its result or exception.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
        });
        return completion.Task;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(1));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                item();
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }
}
