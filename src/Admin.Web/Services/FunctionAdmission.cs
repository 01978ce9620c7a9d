using System.Collections.Concurrent;
using System.Diagnostics;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// Per-function admission control, in memory on this node: a token bucket for the rate limit and a concurrency gate
/// with a short bounded queue. Settings are read on every request, so a limit change applies to the next request.
/// </summary>
public sealed class FunctionAdmission
{
    /// <summary>The longest a request waits in the concurrency queue before it gets 503.</summary>
    public static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrencyGate> _gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one token from the function's bucket (capacity <c>rate + burst</c>, refilled at <c>rate</c> per second).
    /// A rate of 0 means unlimited. On refusal, <paramref name="retryAfter"/> is when a token will be available.
    /// </summary>
    public bool TryAcquireRate(string function, int perSecond, int burst, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (perSecond <= 0)
        {
            return true;
        }

        var bucket = _buckets.AddOrUpdate(
            function,
            static (_, s) => new TokenBucket(s.perSecond, s.burst),
            static (_, existing, s) => existing.Matches(s.perSecond, s.burst) ? existing : new TokenBucket(s.perSecond, s.burst),
            (perSecond, burst));
        return bucket.TryTake(out retryAfter);
    }

    /// <summary>
    /// Enters the function's concurrency gate: at once when a slot is free, otherwise after waiting in a queue of at most
    /// <paramref name="maxConcurrency"/> requests for up to <see cref="QueueWait"/>. Null means rejected (503).
    /// Dispose the returned lease when the invocation ends.
    /// </summary>
    public async Task<IDisposable?> TryEnterAsync(string function, int maxConcurrency, CancellationToken cancellationToken)
    {
        var capacity = Math.Max(1, maxConcurrency);
        var gate = _gates.AddOrUpdate(
            function,
            static (_, c) => new ConcurrencyGate(c),
            static (_, existing, c) => existing.Capacity == c ? existing : new ConcurrencyGate(c),
            capacity);
        return await gate.TryEnterAsync(QueueWait, cancellationToken) ? new Lease(gate) : null;
    }

    /// <summary>Invocations of <paramref name="function"/> running now on this node.</summary>
    public int Active(string function) => _gates.TryGetValue(function, out var gate) ? gate.Active : 0;

    private sealed class Lease(ConcurrencyGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Exit();
            }
        }
    }

    private sealed class TokenBucket(int perSecond, int burst)
    {
        private readonly object _lock = new();
        private readonly double _capacity = Math.Max(1, (double)perSecond + burst);
        private double _tokens = Math.Max(1, (double)perSecond + burst);
        private long _last = Stopwatch.GetTimestamp();

        public bool Matches(int rate, int extra) => rate == perSecond && extra == burst;

        public bool TryTake(out TimeSpan retryAfter)
        {
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * perSecond));
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
                return false;
            }
        }
    }

    private sealed class ConcurrencyGate(int capacity)
    {
        private readonly SemaphoreSlim _slots = new(capacity, capacity);
        private int _waiting;

        public int Capacity => capacity;

        public int Active => capacity - _slots.CurrentCount;

        public async Task<bool> TryEnterAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            if (_slots.Wait(0, CancellationToken.None))
            {
                return true;
            }

            if (Interlocked.Increment(ref _waiting) > capacity)
            {
                Interlocked.Decrement(ref _waiting);
                return false;
            }

            try
            {
                return await _slots.WaitAsync(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        public void Exit() => _slots.Release();
    }
}
