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

    public bool TryReserve(long bytes)
    {
        while (true)
        {
            long used = Interlocked.Read(ref _used);
            if (used + bytes > Limit) return false;
            if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used) return true;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
