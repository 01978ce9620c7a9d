namespace Djinn.Engine.Functions;

/// <summary>
/// Compiled modules by content hash, so each version is compiled once per process. Bounded: the least recently
/// used module is evicted past <see cref="Capacity"/>. Thread-safe; concurrent requests for the same hash compile once.
/// </summary>
public sealed class ModuleCache
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly object _lock = new();

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> modules.</summary>
    public ModuleCache(int capacity = 256)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
    }

    /// <summary>The most modules kept.</summary>
    public int Capacity { get; }

    /// <summary>Cache hits so far.</summary>
    public long Hits { get; private set; }

    /// <summary>Cache misses (compilations) so far.</summary>
    public long Misses { get; private set; }

    /// <summary>Modules currently cached.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>
    /// The module for <paramref name="sha256"/>, compiling it with <paramref name="compile"/> on a miss.
    /// A failed compilation is not cached.
    /// </summary>
    public Module GetOrCompile(string sha256, Func<Module> compile)
    {
        Lazy<Module> lazy;
        lock (_lock)
        {
            if (_entries.TryGetValue(sha256, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Hits++;
                lazy = node.Value.Module;
            }
            else
            {
                Misses++;
                lazy = new Lazy<Module>(compile, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[sha256] = _recency.AddFirst(new Entry(sha256, lazy));
                while (_entries.Count > Capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Sha256);
                }
            }
        }
        try
        {
            return lazy.Value;
        }
        catch
        {
            Remove(sha256, lazy);
            throw;
        }
    }

    /// <summary>Drops a module (for example when its version is deleted).</summary>
    public void Remove(string sha256)
    {
        lock (_lock)
        {
            if (_entries.Remove(sha256, out var node)) _recency.Remove(node);
        }
    }

    private void Remove(string sha256, Lazy<Module> expected)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(sha256, out var node) && ReferenceEquals(node.Value.Module, expected))
            {
                _entries.Remove(sha256);
                _recency.Remove(node);
            }
        }
    }

    private sealed record Entry(string Sha256, Lazy<Module> Module);
}
