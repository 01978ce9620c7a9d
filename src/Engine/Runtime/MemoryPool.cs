namespace Djinn.Engine.Runtime;

/// <summary>
/// Reuses the buffers of linear memories between stores, so a request's fresh instance does not allocate a new
/// memory: buffers come back zeroed when a store is disposed. Small memories only (up to 16 MiB), a few per size.
/// A size that has not been rented for <see cref="IdleTrim"/> gives its buffers back to the GC, so idle functions
/// (and a server that went quiet) hold no instance memory.
/// </summary>
internal static class MemoryPool
{
    public const int MaxPooledPages = 256;
    private const int MaxBuffersPerSize = 16;

    /// <summary>How long pooled buffers of a size are kept without a rent of that size.</summary>
    public static readonly TimeSpan IdleTrim = TimeSpan.FromSeconds(10);

    private static readonly Stack<byte[]>?[] s_buckets = new Stack<byte[]>?[MaxPooledPages + 1];
    private static readonly long[] s_lastRent = new long[MaxPooledPages + 1];
    private static Timer? s_trimTimer;

    /// <summary>A zeroed buffer of <paramref name="pages"/> pages.</summary>
    public static byte[] Rent(uint pages)
    {
        if (pages == 0) return Array.Empty<byte>();
        if (pages <= MaxPooledPages)
        {
            Volatile.Write(ref s_lastRent[pages], Environment.TickCount64);
            var bucket = s_buckets[pages];
            if (bucket is not null)
            {
                lock (bucket)
                {
                    if (bucket.TryPop(out var buffer)) return buffer;
                }
            }
        }
        return new byte[(long)pages * Memory.PageSize];
    }

    /// <summary>
    /// Zeroes the first <paramref name="used"/> bytes of <paramref name="buffer"/> (the rest were never part of a
    /// memory, so they are still zero) and keeps it for a later <see cref="Rent"/>, if there is room.
    /// </summary>
    public static void Return(byte[] buffer, long used)
    {
        long pages = buffer.LongLength / Memory.PageSize;
        if (pages is 0 or > MaxPooledPages || buffer.LongLength % Memory.PageSize != 0) return;
        var bucket = s_buckets[pages];
        if (bucket is null)
        {
            Interlocked.CompareExchange(ref s_buckets[pages], new Stack<byte[]>(), null);
            bucket = s_buckets[pages]!;
            EnsureTrimTimer();
        }
        Array.Clear(buffer, 0, (int)Math.Min(used, buffer.LongLength));
        lock (bucket)
        {
            if (bucket.Count < MaxBuffersPerSize) bucket.Push(buffer);
        }
    }

    /// <summary>Bytes held by pooled buffers now.</summary>
    public static long PooledBytes
    {
        get
        {
            long total = 0;
            for (int pages = 1; pages <= MaxPooledPages; pages++)
            {
                if (s_buckets[pages] is { } bucket)
                {
                    lock (bucket) total += (long)bucket.Count * pages * Memory.PageSize;
                }
            }
            return total;
        }
    }

    /// <summary>Drops the pooled buffers of every size not rented since <paramref name="idle"/> ago.</summary>
    public static void Trim(TimeSpan idle)
    {
        long cutoff = Environment.TickCount64 - (long)idle.TotalMilliseconds;
        for (int pages = 1; pages <= MaxPooledPages; pages++)
        {
            if (s_buckets[pages] is { } bucket && Volatile.Read(ref s_lastRent[pages]) <= cutoff)
            {
                lock (bucket) bucket.Clear();
            }
        }
    }

    private static void EnsureTrimTimer()
    {
        if (Volatile.Read(ref s_trimTimer) is not null) return;
        // Flow no execution context into the timer: it is process-wide, not part of whichever request created it.
        using (ExecutionContext.SuppressFlow())
        {
            var timer = new Timer(static _ => Trim(IdleTrim), null, IdleTrim, IdleTrim);
            if (Interlocked.CompareExchange(ref s_trimTimer, timer, null) is not null) timer.Dispose();
        }
    }
}
