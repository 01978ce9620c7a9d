namespace Djinn.Engine.Runtime;

/// <summary>
/// The linear-memory budget of one store: every memory created in the store reserves its bytes here before
/// allocating, so a guest asking for more than the limit never makes the host allocate it.
/// </summary>
internal sealed class MemoryAccount
{
    private long _used;

    public MemoryAccount(long limit)
    {
        Limit = limit;
    }

    /// <summary>The most bytes all memories of the store may hold together.</summary>
    public long Limit { get; set; }

    /// <summary>Bytes currently reserved.</summary>
    public long Used => Interlocked.Read(ref _used);

    private static long s_inUse;

    /// <summary>Bytes reserved by all stores of the process together (linear memory held by live instances).</summary>
    public static long InUse => Interlocked.Read(ref s_inUse);

    public bool TryReserve(long bytes)
    {
        while (true)
        {
            long used = Interlocked.Read(ref _used);
            if (used + bytes > Limit) return false;
            if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used)
            {
                Interlocked.Add(ref s_inUse, bytes);
                return true;
            }
        }
    }

    public void Release(long bytes)
    {
        Interlocked.Add(ref _used, -bytes);
        Interlocked.Add(ref s_inUse, -bytes);
    }

    private readonly List<Memory> _memories = new();

    /// <summary>Remembers a memory of this store, so <see cref="DetachAll"/> can recycle its region.</summary>
    public void Track(Memory memory)
    {
        lock (_memories) _memories.Add(memory);
    }

    /// <summary>
    /// Detaches every memory of the store (each becomes empty, so a stale reference can never see another sandbox's
    /// data) and returns their regions to the pool.
    /// </summary>
    public void DetachAll()
    {
        Memory[] memories;
        lock (_memories)
        {
            memories = _memories.ToArray();
            _memories.Clear();
        }
        foreach (var memory in memories)
        {
            var (region, used) = memory.Detach();
            MemoryPool.Return(region, used);
        }
        Interlocked.Add(ref s_inUse, -Interlocked.Exchange(ref _used, 0));
    }
}
