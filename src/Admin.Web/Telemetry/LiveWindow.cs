using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Sliding-window live figures (req/s, error rate, p50/p95/p99) per function and overall: a ring of one-second slots
/// over the last <see cref="WindowSeconds"/> seconds, each with a <see cref="LatencyHistogram"/>. Recording is O(1)
/// under a per-series lock; a snapshot is O(slots + buckets) per series.
/// </summary>
public sealed class LiveWindow
{
    /// <summary>Length of the window in seconds.</summary>
    public const int WindowSeconds = 60;

    private readonly TimeProvider _time;
    private readonly long _startSecond;
    private readonly Series _overall = new();
    private readonly ConcurrentDictionary<string, Series> _functions = new(StringComparer.Ordinal);

    /// <summary>Creates an empty window on <paramref name="time"/>'s clock.</summary>
    public LiveWindow(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _startSecond = NowSecond();
    }

    /// <summary>Counts a finished invocation of <paramref name="function"/>.</summary>
    public void Record(string function, TimeSpan duration, bool error)
    {
        var now = NowSecond();
        _overall.Record(now, duration, error);
        while (true)
        {
            var series = _functions.GetOrAdd(function, static _ => new Series());
            if (series.Record(now, duration, error))
            {
                return;
            }
        }
    }

    /// <summary>Counts a request rejected before running (overall only: rejected names may be arbitrary).</summary>
    public void RecordRejection() => _overall.Reject(NowSecond());

    /// <summary>The figures of every function with invocations in the window, and overall.</summary>
    public LiveSnapshot Snapshot()
    {
        var now = NowSecond();
        var window = (int)Math.Clamp(now - _startSecond + 1, 1, WindowSeconds);
        var functions = new List<LiveFigures>();
        foreach (var (name, series) in _functions)
        {
            var figures = series.Figures(name, now, window);
            if (figures is not null)
            {
                functions.Add(figures);
            }
            else if (series.TryRetire(now))
            {
                _functions.TryRemove(new KeyValuePair<string, Series>(name, series));
            }
        }

        functions.Sort(static (a, b) => string.CompareOrdinal(a.Function, b.Function));
        var overall = _overall.Figures(null, now, window) ?? new LiveFigures(null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return new LiveSnapshot(_time.GetUtcNow(), window, overall, functions, _overall.Rejected(now));
    }

    /// <summary>The figures of one function, or null when it had no invocations in the window.</summary>
    public LiveFigures? Figures(string function)
    {
        var now = NowSecond();
        var window = (int)Math.Clamp(now - _startSecond + 1, 1, WindowSeconds);
        return _functions.TryGetValue(function, out var series) ? series.Figures(function, now, window) : null;
    }

    /// <summary>The <c>djinn.active_instances</c> gauge: per function, busy seconds finished in the last complete second.</summary>
    internal IEnumerable<Measurement<double>> ObserveActiveInstances()
    {
        var now = NowSecond();
        foreach (var (name, series) in _functions)
        {
            yield return new Measurement<double>(series.BusySeconds(now - 1), new KeyValuePair<string, object?>("function", name));
        }
    }

    private long NowSecond() => _time.GetUtcNow().ToUnixTimeSeconds();

    private sealed class Slot
    {
        public long Second = long.MinValue;
        public int Count;
        public int Errors;
        public int Rejected;
        public double BusySeconds;
        public double MaxMs;
        public int[]? Histogram;
    }

    /// <summary>One function's (or the overall) ring of slots and the window's merged histogram.</summary>
    private sealed class Series
    {
        private readonly Slot[] _slots = CreateSlots();
        private readonly int[] _window = new int[LatencyHistogram.Length];
        private readonly Lock _lock = new();
        private bool _retired;

        public bool Record(long now, TimeSpan duration, bool error)
        {
            lock (_lock)
            {
                if (_retired)
                {
                    return false;
                }

                var slot = Current(now);
                var bucket = LatencyHistogram.BucketOf(duration);
                slot.Histogram ??= new int[LatencyHistogram.Length];
                slot.Histogram[bucket]++;
                _window[bucket]++;
                slot.Count++;
                slot.Errors += error ? 1 : 0;
                slot.BusySeconds += duration.TotalSeconds;
                slot.MaxMs = Math.Max(slot.MaxMs, duration.TotalMilliseconds);
                return true;
            }
        }

        public void Reject(long now)
        {
            lock (_lock)
            {
                Current(now).Rejected++;
            }
        }

        public LiveFigures? Figures(string? function, long now, int window)
        {
            lock (_lock)
            {
                Expire(now);
                long count = 0, errors = 0;
                double max = 0;
                foreach (var slot in _slots)
                {
                    count += slot.Count;
                    errors += slot.Errors;
                    max = Math.Max(max, slot.MaxMs);
                }

                if (count == 0)
                {
                    return null;
                }

                return new LiveFigures(
                    function,
                    count / (double)window,
                    errors / (double)count,
                    LatencyHistogram.PercentileMs(_window, count, 0.50, max),
                    LatencyHistogram.PercentileMs(_window, count, 0.95, max),
                    LatencyHistogram.PercentileMs(_window, count, 0.99, max),
                    max,
                    count,
                    errors,
                    BusySecondsLocked(now - 1));
            }
        }

        public long Rejected(long now)
        {
            lock (_lock)
            {
                Expire(now);
                long rejected = 0;
                foreach (var slot in _slots)
                {
                    rejected += slot.Rejected;
                }

                return rejected;
            }
        }

        public double BusySeconds(long second)
        {
            lock (_lock)
            {
                return BusySecondsLocked(second);
            }
        }

        /// <summary>Marks an empty series as retired so a racing <see cref="Record"/> goes to a fresh one.</summary>
        public bool TryRetire(long now)
        {
            lock (_lock)
            {
                Expire(now);
                foreach (var slot in _slots)
                {
                    if (slot.Count > 0 || slot.Rejected > 0)
                    {
                        return false;
                    }
                }

                _retired = true;
                return true;
            }
        }

        private double BusySecondsLocked(long second)
        {
            var slot = _slots[Index(second)];
            return slot.Second == second ? slot.BusySeconds : 0;
        }

        private Slot Current(long now)
        {
            var slot = _slots[Index(now)];
            if (slot.Second != now)
            {
                Clear(slot);
                slot.Second = now;
            }

            return slot;
        }

        private void Expire(long now)
        {
            foreach (var slot in _slots)
            {
                if (slot.Second != long.MinValue && (slot.Second <= now - WindowSeconds || slot.Second > now))
                {
                    Clear(slot);
                }
            }
        }

        private void Clear(Slot slot)
        {
            if (slot.Histogram is { } histogram)
            {
                for (var i = 0; i < histogram.Length; i++)
                {
                    _window[i] -= histogram[i];
                }

                Array.Clear(histogram);
            }

            slot.Second = long.MinValue;
            slot.Count = slot.Errors = slot.Rejected = 0;
            slot.BusySeconds = slot.MaxMs = 0;
        }

        private static int Index(long second) => (int)(((second % WindowSeconds) + WindowSeconds) % WindowSeconds);

        private static Slot[] CreateSlots()
        {
            var slots = new Slot[WindowSeconds];
            for (var i = 0; i < slots.Length; i++)
            {
                slots[i] = new Slot();
            }

            return slots;
        }
    }
}
