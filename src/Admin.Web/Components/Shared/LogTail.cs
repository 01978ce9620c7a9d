using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using Djinn.Admin.Web.Telemetry;

namespace Djinn.Admin.Web.Components.Shared;

/// <summary>
/// The lines of a live log tail. Lines arrive on any thread (<see cref="Append"/>) and are shown in batches when the
/// view calls <see cref="Flush"/> on its timer, so a burst of lines costs one render. At most
/// <see cref="Capacity"/> lines are kept (the oldest go). While paused, arriving lines wait (also capped) and are counted.
/// </summary>
public sealed class LogTail(int capacity = LogTail.DefaultCapacity)
{
    /// <summary>Lines kept by default.</summary>
    public const int DefaultCapacity = 5000;

    private readonly Lock _lock = new();
    private readonly Queue<LogEvent> _incoming = new();
    private readonly HashSet<(string InvocationId, int Index)> _backfilled = [];
    private readonly List<LogEvent> _lines = [];
    private readonly SortedSet<int> _versions = [];
    private List<LogEvent> _filtered = [];
    private string? _text;
    private int? _version;
    private int _arrivedWhilePaused;
    private int _shownArrivedWhilePaused;

    /// <summary>Most lines kept (and most waiting while paused).</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>True while new lines are held back.</summary>
    public bool Paused { get; private set; }

    /// <summary>Lines that arrived since <see cref="Pause"/> (including any dropped beyond the capacity).</summary>
    public int ArrivedWhilePaused => _shownArrivedWhilePaused;

    /// <summary>Lines kept, before filtering.</summary>
    public int Count => _lines.Count;

    /// <summary>The kept lines that pass the filter, oldest first.</summary>
    public ReadOnlyCollection<LogEvent> View { get; private set; } = ReadOnlyCollection<LogEvent>.Empty;

    /// <summary>The versions seen among the kept lines, ascending (a new list whenever they change).</summary>
    public IReadOnlyList<int> Versions { get; private set; } = [];

    /// <summary>Adds stored lines (oldest first) before following; the same lines arriving live later are skipped.</summary>
    public void Backfill(IEnumerable<LogEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_lock)
        {
            foreach (var line in stored)
            {
                _backfilled.Add((line.InvocationId, line.Index));
                _incoming.Enqueue(line);
            }
        }
    }

    /// <summary>Queues a live line; thread-safe and cheap, it never renders.</summary>
    public void Append(LogEvent line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_lock)
        {
            if (_backfilled.Count > 0 && _backfilled.Contains((line.InvocationId, line.Index)))
            {
                return;
            }

            _incoming.Enqueue(line);
            if (_incoming.Count > Capacity)
            {
                _incoming.Dequeue();
            }

            if (Paused)
            {
                _arrivedWhilePaused++;
            }
        }
    }

    /// <summary>Shows the waiting lines unless paused; true when the view changed and should render.</summary>
    public bool Flush()
    {
        List<LogEvent> batch;
        lock (_lock)
        {
            if (Paused)
            {
                var changed = _shownArrivedWhilePaused != _arrivedWhilePaused;
                _shownArrivedWhilePaused = _arrivedWhilePaused;
                return changed;
            }

            if (_incoming.Count == 0)
            {
                return false;
            }

            batch = [.. _incoming];
            _incoming.Clear();
        }

        _lines.AddRange(batch);
        var versions = _versions.Count;
        if (_lines.Count > Capacity)
        {
            _lines.RemoveRange(0, _lines.Count - Capacity);
            _versions.Clear();
            _versions.UnionWith(_lines.Select(l => l.Version));
            versions = -1;
        }
        else
        {
            _versions.UnionWith(batch.Select(l => l.Version));
        }

        if (_versions.Count != versions)
        {
            Versions = [.. _versions];
        }

        Refilter();
        return true;
    }

    /// <summary>Holds new lines back until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_lock)
        {
            Paused = true;
            _arrivedWhilePaused = _shownArrivedWhilePaused = 0;
        }
    }

    /// <summary>Shows the held-back lines at the next <see cref="Flush"/> and follows again.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            Paused = false;
            _arrivedWhilePaused = _shownArrivedWhilePaused = 0;
        }
    }

    /// <summary>Forgets every kept and waiting line.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _incoming.Clear();
            _arrivedWhilePaused = _shownArrivedWhilePaused = 0;
        }

        _lines.Clear();
        _versions.Clear();
        Versions = [];
        Refilter();
    }

    /// <summary>Shows only lines containing <paramref name="text"/> (ignoring case) and of <paramref name="version"/>; null for any.</summary>
    public void SetFilter(string? text, int? version)
    {
        _text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        _version = version;
        Refilter();
    }

    /// <summary>The lines of <see cref="View"/> as a <c>.log</c> file: UTC time, version, invocation id and text.</summary>
    public string ToLogFile()
    {
        var text = new StringBuilder();
        foreach (var line in View)
        {
            text.Append(line.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                .Append(" v").Append(line.Version.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(line.InvocationId)
                .Append(' ').Append(line.Line).Append('\n');
        }

        return text.ToString();
    }

    private void Refilter()
    {
        if (_text is null && _version is null)
        {
            View = _lines.AsReadOnly();
            return;
        }

        _filtered = _lines.Where(Matches).ToList();
        View = _filtered.AsReadOnly();
    }

    private bool Matches(LogEvent line) =>
        (_version is null || line.Version == _version)
        && (_text is null || line.Line.Contains(_text, StringComparison.OrdinalIgnoreCase));
}
