using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Djinn.Engine;
using Djinn.Engine.Functions;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// Chooses the thread a guest runs on. By default an invocation runs on one of a fixed set of dedicated threads
/// instead of a thread-pool thread, so guests that spin until their deadline never starve Kestrel and the rest of the
/// server of pool threads. The threads get large stacks; the engine's own stack guard still traps deep recursion long
/// before they overflow.
/// <para>
/// Handing a run to another thread and back costs two thread wake-ups, more than a short guest run itself. So a module
/// whose last <see cref="InlineAfterFastRuns"/> runs each finished within <see cref="InlineThreshold"/> runs on the
/// calling (pool) thread instead, while fewer than <see cref="InlineSlots"/> inline runs are in progress. A spinning
/// guest therefore holds at most <see cref="InlineSlots"/> pool threads (and only until its deadline, which is
/// enforced the same way on any thread); the server raises the pool's minimum by that much
/// (<see cref="ReservePoolThreads"/>) so Kestrel still gets threads at once. The first slow run sends the module back
/// to the dedicated threads.
/// </para>
/// </summary>
public sealed class InvocationScheduler : IDisposable
{
    /// <summary>Dedicated invocation threads. Guests are CPU-bound, so more only helps when many wait on deadlines.</summary>
    public const int DefaultWorkers = 64;

    /// <summary>Stack size of each invocation thread.</summary>
    public const int StackBytes = 16 * 1024 * 1024;

    /// <summary>A run at most this long counts as fast.</summary>
    public static readonly TimeSpan InlineThreshold = TimeSpan.FromMilliseconds(2);

    /// <summary>Consecutive fast runs (on any thread) after which a module runs inline.</summary>
    public const int InlineAfterFastRuns = 8;

    private readonly BlockingCollection<IWorkItem> _queue = new();
    private readonly Thread[] _threads;
    private readonly ConditionalWeakTable<Module, RunHistory> _history = new();
    private int _inlineRunning;

    /// <summary>Starts <paramref name="workers"/> background threads.</summary>
    public InvocationScheduler(int workers = DefaultWorkers, int? inlineSlots = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        InlineSlots = Math.Max(0, inlineSlots ?? DefaultInlineSlots);
        _threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work, StackBytes) { IsBackground = true, Name = $"djinn-invoke-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Inline runs allowed at once by default: one per processor.</summary>
    public static int DefaultInlineSlots => Environment.ProcessorCount;

    /// <summary>How many known-fast runs may execute on pool threads at once (0: never inline).</summary>
    public int InlineSlots { get; }

    /// <summary>Invocations queued and not yet picked up by a thread.</summary>
    public int Pending => _queue.Count;

    /// <summary>Runs that executed on the calling thread so far.</summary>
    public long InlineRuns => Interlocked.Read(ref _inlineRuns);

    private long _inlineRuns;

    /// <summary>Runs handed to a dedicated invocation thread so far.</summary>
    public long DispatchedRuns => Interlocked.Read(ref _dispatchedRuns);

    private long _dispatchedRuns;

    /// <summary>
    /// Raises the thread pool's minimum so that <paramref name="inlineSlots"/> pool threads busy with guests never
    /// leave the server short of threads (threads up to the minimum are created without the pool's starvation delay).
    /// </summary>
    public static void ReservePoolThreads(int inlineSlots)
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        int wanted = Environment.ProcessorCount + Math.Max(0, inlineSlots);
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, io);
        }
    }

    /// <summary>
    /// Runs <paramref name="invocation"/> with <paramref name="runtime"/>: inline when its module is known to be fast and
    /// an inline slot is free, otherwise on a dedicated thread.
    /// </summary>
    public ValueTask<InvocationResult> RunAsync(FunctionRuntime runtime, FunctionInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(invocation);
        var history = _history.GetValue(invocation.Module, static _ => new RunHistory());
        if (history.FastRuns >= InlineAfterFastRuns && TryEnterInline())
        {
            try
            {
                Interlocked.Increment(ref _inlineRuns);
                var result = runtime.Invoke(invocation);
                history.Observe(result);
                return ValueTask.FromResult(result);
            }
            finally
            {
                Interlocked.Decrement(ref _inlineRunning);
            }
        }

        var item = new InvocationItem(runtime, invocation, history);
        Interlocked.Increment(ref _dispatchedRuns);
        _queue.Add(item);
        return new ValueTask<InvocationResult>(item.Task);
    }

    /// <summary>Runs <paramref name="work"/> on an invocation thread; the task completes with its result or exception.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new DelegateItem<T>(work);
        _queue.Add(item);
        return item.Task;
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

    private bool TryEnterInline()
    {
        if (Interlocked.Increment(ref _inlineRunning) <= InlineSlots)
        {
            return true;
        }

        Interlocked.Decrement(ref _inlineRunning);
        return false;
    }

    private void Work()
    {
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                item.Run();
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>How a module's recent runs went: the number of consecutive fast runs.</summary>
    private sealed class RunHistory
    {
        private int _fastRuns;

        public int FastRuns => Volatile.Read(ref _fastRuns);

        public void Observe(InvocationResult result)
        {
            // Racy by design: concurrent runs may lose an increment, which only delays inlining by a run.
            _fastRuns = result.Duration <= InlineThreshold && result.Outcome != FunctionOutcome.Timeout
                ? Math.Min(_fastRuns + 1, InlineAfterFastRuns)
                : 0;
        }
    }

    private interface IWorkItem
    {
        void Run();
    }

    private sealed class InvocationItem(FunctionRuntime runtime, FunctionInvocation invocation, RunHistory history)
        : TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously), IWorkItem
    {
        public void Run()
        {
            try
            {
                var result = runtime.Invoke(invocation);
                history.Observe(result);
                SetResult(result);
            }
#pragma warning disable CA1031 // The exception is handed to the awaiting request.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SetException(ex);
            }
        }
    }

    private sealed class DelegateItem<T>(Func<T> work)
        : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IWorkItem
    {
        public void Run()
        {
            try
            {
                SetResult(work());
            }
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SetException(ex);
            }
        }
    }
}
