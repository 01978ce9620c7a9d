namespace Djinn.Engine.Runtime;

/// <summary>
/// Reuses the regions of linear memories between stores, so a request's fresh instance neither reserves address
/// space nor commits pages again: a region comes back zeroed when its store is disposed, keeping its accessible
/// pages (up to <see cref="MaxKeptAccessibleBytes"/>), and the next memory only changes protection where its size
/// differs. When nothing has been rented for <see cref="IdleTrim"/>, the pooled regions are unmapped, so idle
/// functions (and a server that went quiet) hold no instance memory.
/// </summary>
internal static class MemoryPool
{
    private const int MaxPooledRegions = 64;

    /// <summary>A returned region keeps at most this many accessible bytes (16 MiB); the rest go back to the kernel.</summary>
    public const long MaxKeptAccessibleBytes = 256L * Memory.PageSize;

    /// <summary>How long pooled regions are kept without a rent.</summary>
    public static readonly TimeSpan IdleTrim = TimeSpan.FromSeconds(10);

    private static readonly Stack<MemoryRegion> s_regions = new();
    private static long s_lastRent;
    private static Timer? s_trimTimer;

    /// <summary>A zeroed region (its accessible size is whatever it had; the caller sets it).</summary>
    public static MemoryRegion Rent()
    {
        Volatile.Write(ref s_lastRent, Environment.TickCount64);
        lock (s_regions)
        {
            if (s_regions.TryPop(out var region)) return region;
        }
        return MemoryRegion.Reserve();
    }

    /// <summary>
    /// Zeroes the first <paramref name="used"/> bytes of <paramref name="region"/> (the rest were never part of a
    /// memory, so they are still zero) and keeps it for a later <see cref="Rent"/>, if there is room; otherwise unmaps it.
    /// </summary>
    public static void Return(MemoryRegion region, long used)
    {
        if (region == MemoryRegion.Inaccessible) return;
        // Shrink first, so the bytes given back to the kernel are not cleared as well.
        if (region.Accessible > MaxKeptAccessibleBytes && !region.TrySetAccessible(MaxKeptAccessibleBytes))
        {
            region.Free();
            return;
        }
        region.Clear(used);
        bool kept;
        lock (s_regions)
        {
            kept = s_regions.Count < MaxPooledRegions;
            if (kept) s_regions.Push(region);
        }
        if (!kept)
        {
            region.Free();
            return;
        }
        EnsureTrimTimer();
    }

    /// <summary>Accessible bytes held by pooled regions now (zeroed pages count once the guest touched them).</summary>
    public static long PooledBytes
    {
        get
        {
            lock (s_regions)
            {
                long total = 0;
                foreach (var region in s_regions) total += region.Accessible;
                return total;
            }
        }
    }

    /// <summary>Unmaps every pooled region when nothing has been rented since <paramref name="idle"/> ago.</summary>
    public static void Trim(TimeSpan idle)
    {
        long cutoff = Environment.TickCount64 - (long)idle.TotalMilliseconds;
        if (Volatile.Read(ref s_lastRent) > cutoff) return;
        MemoryRegion[] regions;
        lock (s_regions)
        {
            regions = s_regions.ToArray();
            s_regions.Clear();
        }
        foreach (var region in regions) region.Free();
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
