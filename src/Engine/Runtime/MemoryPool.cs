namespace Djinn.Engine.Runtime;

/// <summary>
/// Reuses the buffers of linear memories between stores, so a request's fresh instance does not allocate a new
/// memory: buffers come back zeroed when a store is disposed. Small memories only (up to 16 MiB), a few per size.
/// </summary>
internal static class MemoryPool
{
    public const int MaxPooledPages = 256;
    private const int MaxBuffersPerSize = 16;
    private static readonly Stack<byte[]>?[] s_buckets = new Stack<byte[]>?[MaxPooledPages + 1];

    /// <summary>A zeroed buffer of <paramref name="pages"/> pages.</summary>
    public static byte[] Rent(uint pages)
    {
        if (pages == 0) return Array.Empty<byte>();
        if (pages <= MaxPooledPages)
        {
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

    /// <summary>Zeroes <paramref name="buffer"/> and keeps it for a later <see cref="Rent"/>, if there is room.</summary>
    public static void Return(byte[] buffer)
    {
        long pages = buffer.LongLength / Memory.PageSize;
        if (pages is 0 or > MaxPooledPages || buffer.LongLength % Memory.PageSize != 0) return;
        var bucket = s_buckets[pages];
        if (bucket is null)
        {
            Interlocked.CompareExchange(ref s_buckets[pages], new Stack<byte[]>(), null);
            bucket = s_buckets[pages]!;
        }
        Array.Clear(buffer);
        lock (bucket)
        {
            if (bucket.Count < MaxBuffersPerSize) bucket.Push(buffer);
        }
    }
}
