namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> one-second samples of <see cref="LiveWindow"/>, oldest first, so a freshly opened
/// dashboard already has a chart. Filled by <see cref="LiveHistorySampler"/>; thread-safe.
/// </summary>
public sealed class LiveHistory
{
    /// <summary>Samples kept (five minutes at one a second).</summary>
    public const int Capacity = 300;

    private readonly LiveSnapshot[] _ring = new LiveSnapshot[Capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    /// <summary>The newest sample, or null before the first.</summary>
    public LiveSnapshot? Latest
    {
        get
        {
            lock (_lock)
            {
                return _count == 0 ? null : _ring[(_next - 1 + Capacity) % Capacity];
            }
        }
    }

    /// <summary>Appends a sample, dropping the oldest beyond <see cref="Capacity"/>.</summary>
    public void Add(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            _ring[_next] = snapshot;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>The newest <paramref name="count"/> samples (at most), oldest first.</summary>
    public IReadOnlyList<LiveSnapshot> Recent(int count)
    {
        lock (_lock)
        {
            var take = Math.Clamp(count, 0, _count);
            var result = new LiveSnapshot[take];
            var start = (_next - take + Capacity) % Capacity;
            for (var i = 0; i < take; i++)
            {
                result[i] = _ring[(start + i) % Capacity];
            }

            return result;
        }
    }
}
